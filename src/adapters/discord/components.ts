// Neutral views as Discord embeds and buttons; forms as modals of at most
// five text inputs (longer forms are asked in steps). Discord's limits are
// gathered in LIMITS and enforced here.
import type { Button, Field, MessageView } from "../../chat/views.js";

export const LIMITS = {
  customId: 100,
  modalTitle: 45,
  modalInputs: 5,
  inputLabel: 45,
  placeholder: 100,
  inputValue: 4000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedsTotal: 6000,
  content: 2000,
} as const;

export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;

/** A button's custom id carries its action and value: `b|action|value`. */
export const buttonId = (button: Button) => `b|${button.action}|${button.value}`;
export function parseButtonId(customId: string): { action: string; value: string } | undefined {
  const [kind, action, ...value] = customId.split("|");
  return kind === "b" && action ? { action, value: value.join("|") } : undefined;
}

export interface DiscordMessage {
  content?: string;
  embeds: Record<string, unknown>[];
  components: Record<string, unknown>[];
}

export function discordMessage(views: MessageView[]): DiscordMessage {
  const embeds: Record<string, unknown>[] = [];
  const buttons: Button[] = [];
  let budget: number = LIMITS.embedsTotal;
  let omitted = 0;
  for (const view of views) {
    const fields: { name: string; value: string }[] = [];
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
      color: view.tone === "error" ? 0xd1242f : view.tone === "success" ? 0x1a7f37 : 0x1d3557,
    });
    buttons.push(...(view.buttons ?? []));
  }
  const usable = buttons
    .filter((b) => buttonId(b).length <= LIMITS.customId)
    .slice(0, LIMITS.buttonsPerRow * LIMITS.rows);
  const components = [];
  for (let i = 0; i < usable.length; i += LIMITS.buttonsPerRow) {
    components.push({
      type: 1,
      components: usable.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
        type: 2,
        style: BUTTON_STYLE[b.style ?? "secondary"],
        label: clip(b.label, LIMITS.buttonLabel),
        custom_id: buttonId(b),
      })),
    });
  }
  return { embeds, components };
}

/** One modal step: up to five fields as text inputs; pick lists name their options. */
export function modalStep(customId: string, title: string, fields: Field[], values: Record<string, string>) {
  return {
    custom_id: customId,
    title: clip(title, LIMITS.modalTitle),
    components: fields.map((field) => {
      const options = field.options?.length ? field.options.map((o, i) => `${i + 1} ${o.label}`).join(", ") : undefined;
      const placeholder =
        options ??
        (field.kind === "people"
          ? "Mentions as <@user id>, comma-separated (Developer Mode → Copy User ID)"
          : field.hint);
      const value =
        values[field.id] ??
        (field.options?.length
          ? field.options.findIndex((o) => o.value === field.initial) + 1 || undefined
          : field.initial);
      return {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: field.id,
            label: clip(field.label, LIMITS.inputLabel),
            style: field.kind === "textarea" ? 2 : 1,
            required: field.required,
            max_length: Math.min(field.maxLength ?? LIMITS.inputValue, LIMITS.inputValue),
            ...(placeholder ? { placeholder: clip(placeholder, LIMITS.placeholder) } : {}),
            ...(value !== undefined && value !== "" ? { value: String(value) } : {}),
          },
        ],
      };
    }),
  };
}
