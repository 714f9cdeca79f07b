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
import type { Button, Link, MessageView } from "../../chat/views.js";
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

/** `[label](url)`: Discord shows the label as a link in an embed; brackets and parentheses would end it early. */
const maskedLink = (link: Link) =>
  `[${link.label.replace(/[[\]]/g, "")}](${link.url.replace(/\(/g, "%28").replace(/\)/g, "%29")})`;

/** Room kept in the budget for the note that says what was left out, and a little of the text. */
const RESERVE = 200;

export function discordMessage(all: MessageView[]): DiscordMessage {
  // A message holds 10 embeds: past that, nine views and a tenth that says how many were left out.
  const views = all.length > LIMITS.embeds ? all.slice(0, LIMITS.embeds - 1) : all;
  const leftOut = all.length - views.length;
  const embeds: APIEmbed[] = [];
  const buttons: Button[] = [];
  // Discord counts titles, descriptions and fields' names and values of all embeds together.
  let budget: number = LIMITS.embedsTotal - (leftOut > 0 ? RESERVE : 0);
  for (const [index, view] of views.entries()) {
    // Each view after this one keeps room for at least a note of what it left out.
    const later = (views.length - 1 - index) * RESERVE;
    const title =
      view.title && budget > RESERVE ? clip(view.title, Math.min(LIMITS.embedTitle, budget - RESERVE)) : undefined;
    budget -= title?.length ?? 0;
    const fields: APIEmbedField[] = [];
    let omitted = 0;
    // Buttons sit under the message, not its sections: when several sections
    // have them, each label says which one it acts on.
    const several = (view.sections ?? []).filter((s) => s.buttons?.length).length > 1;
    for (const section of view.sections ?? []) {
      const links = section.links?.length ? [`Links: ${section.links.map(maskedLink).join(" · ")}`] : [];
      const value = clip(
        [...(section.lines ?? []), ...(section.fields ?? []).map(([k, v]) => `**${k}:** ${v}`), ...links].join("\n") ||
          "—",
        LIMITS.fieldValue,
      );
      const name = clip(section.heading ?? "\u200b", LIMITS.fieldName);
      if (fields.length >= LIMITS.embedFields - 1 || budget - name.length - value.length < RESERVE) {
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
    if (omitted) {
      const note = {
        name: "…",
        value: `and ${omitted} more not shown here. Narrow the list (for example by project or status) to see them.`,
      };
      if (budget >= note.name.length + note.value.length) {
        fields.push(note);
        budget -= note.name.length + note.value.length;
      }
    }
    const room = Math.min(LIMITS.embedDescription, budget - later);
    const description = view.text && room > 0 ? clip(view.text, room) : undefined;
    budget -= description?.length ?? 0;
    // A view with nothing left to show in the budget is left out: Discord refuses an empty embed.
    if (!title && !description && fields.length === 0) continue;
    embeds.push({
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      ...(fields.length ? { fields } : {}),
      color: COLOR[view.tone ?? "info"],
    });
    buttons.push(...(view.buttons ?? []));
  }
  if (leftOut > 0) {
    embeds.push({
      description: `…and ${leftOut} more not shown here. Ask for one part at a time (for example by program).`,
      color: COLOR.info,
    });
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
