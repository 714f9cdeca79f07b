// Forms as Discord modals: at most five text inputs a step, so a longer form is asked in steps (see
// chat/form-filling.ts). Pick lists name their numbered options in the placeholder; the answer may be the
// number, the value or the label.
import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from "discord.js";
import type { Field } from "../../chat/views.js";
import { clip, LIMITS } from "./limits.js";

export type DiscordModal = APIModalInteractionResponseCallbackData;

/** One modal step: up to five fields as text inputs, each offering the answer given so far or its initial value. */
export function modalStep(
  customId: string,
  title: string,
  fields: Field[],
  values: Record<string, string>,
): DiscordModal {
  return {
    custom_id: clip(customId, LIMITS.customId),
    title: clip(title, LIMITS.modalTitle),
    components: fields.slice(0, LIMITS.modalInputs).map((field) => {
      const options = field.options?.length ? field.options.map((o, i) => `${i + 1} ${o.label}`).join(", ") : undefined;
      const placeholder =
        options ??
        (field.kind === "people" || field.kind === "person"
          ? "Mentions as <@user id>, comma-separated (Developer Mode → Copy User ID)"
          : field.kind === "yesno"
            ? "yes or no"
            : field.hint);
      const value = values[field.id] ?? offered(field);
      return {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: field.id,
            label: clip(field.label, LIMITS.inputLabel),
            style: field.kind === "textarea" ? TextInputStyle.Paragraph : TextInputStyle.Short,
            required: field.required,
            max_length: Math.min(field.maxLength ?? LIMITS.inputValue, LIMITS.inputValue),
            ...(placeholder ? { placeholder: clip(placeholder, LIMITS.placeholder) } : {}),
            ...(value ? { value: clip(value, LIMITS.inputValue) } : {}),
          },
        ],
      };
    }),
  };
}

/** A field's initial value as the person would type it: a pick list's option by its number. */
function offered(field: Field): string | undefined {
  if (!field.options?.length) return field.initial;
  const index = field.options.findIndex((o) => o.value === field.initial);
  return index >= 0 ? String(index + 1) : undefined;
}
