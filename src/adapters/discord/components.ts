// Neutral message views as Discord embeds and buttons, typed with Discord's API types and clipped or
// split to LIMITS.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from "discord.js";
import type { Button, MessageView } from "../../chat/views.js";
import { clip, LIMITS } from "./limits.js";

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
}

const BUTTON_STYLE = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
} as const;
const COLOR = { error: 0xd1242f, success: 0x1a7f37, info: 0x1d3557 } as const;

/** A button's custom id carries its action and value: `b|action|value`. */
export const buttonId = (button: Pick<Button, "action" | "value">) => `b|${button.action}|${button.value}`;

/** A row of buttons, at most five, each within Discord's limits. */
export function buttonRow(buttons: { label: string; customId: string; style?: Button["style"] }[]): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: buttons.slice(0, LIMITS.buttonsPerRow).map((b) => ({
      type: ComponentType.Button,
      style: BUTTON_STYLE[b.style ?? "secondary"],
      label: clip(b.label, LIMITS.buttonLabel),
      custom_id: b.customId,
    })),
  };
}

export function discordMessage(views: MessageView[]): DiscordMessage {
  const embeds: APIEmbed[] = [];
  const buttons: Button[] = [];
  let budget: number = LIMITS.embedsTotal;
  let omitted = 0;
  for (const view of views) {
    const fields: APIEmbedField[] = [];
    // Buttons sit under the message, not its sections: when several sections
    // have them, each label says which one it acts on.
    const several = (view.sections ?? []).filter((s) => s.buttons?.length).length > 1;
    for (const section of view.sections ?? []) {
      const value = clip(
        [...(section.lines ?? []), ...(section.fields ?? []).map(([k, v]) => `**${k}:** ${v}`)].join("\n") || "—",
        LIMITS.fieldValue,
      );
      const name = clip(section.heading ?? "\u200b", LIMITS.fieldName);
      if (fields.length >= LIMITS.embedFields - 1 || budget - name.length - value.length < 200) {
        omitted++;
        continue;
      }
      fields.push({ name, value });
      budget -= name.length + value.length;
      buttons.push(
        ...(section.buttons ?? []).map((b) =>
          several && section.heading ? { ...b, label: `${b.label} · ${clip(section.heading, 40)}` } : b,
        ),
      );
    }
    if (omitted)
      fields.push({
        name: "…",
        value: `and ${omitted} more not shown here. Narrow the list (for example by project or status) to see them.`,
      });
    const title = view.title ? clip(view.title, LIMITS.embedTitle) : undefined;
    const description = view.text
      ? clip(view.text, Math.min(LIMITS.embedDescription, Math.max(budget - 100, 100)))
      : undefined;
    budget -= (title?.length ?? 0) + (description?.length ?? 0);
    embeds.push({
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      ...(fields.length ? { fields } : {}),
      color: COLOR[view.tone ?? "info"],
    });
    buttons.push(...(view.buttons ?? []));
  }
  // A button whose id Discord would refuse is left out rather than failing the whole message.
  const usable = buttons
    .filter((b) => buttonId(b).length <= LIMITS.customId)
    .slice(0, LIMITS.buttonsPerRow * LIMITS.rows);
  const components: ButtonRow[] = [];
  for (let i = 0; i < usable.length; i += LIMITS.buttonsPerRow) {
    const row = usable.slice(i, i + LIMITS.buttonsPerRow);
    components.push(buttonRow(row.map((b) => ({ label: b.label, customId: buttonId(b), style: b.style }))));
  }
  return { embeds, components };
}
