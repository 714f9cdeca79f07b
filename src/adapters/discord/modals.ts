// Forms as Discord modals: at most five fields a step, so a longer form is asked in steps (see
// chat/form-filling.ts). Each field is a Label holding the native control for its kind: a user select for
// people, a radio group or a string select for a pick list, a checkbox for yes/no, a text input for the rest.
// A pick list longer than a select takes (25) shows the option already chosen among the first others: the
// adapter opens such a form only with one chosen, and lists the options to pick from otherwise (see
// `pickFromList` in discord-adapter.ts).
import {
  ComponentType,
  SelectMenuDefaultValueType,
  TextInputStyle,
  type APIComponentInLabel,
  type APIModalInteractionResponseCallbackData,
  type ModalSubmitInteraction,
} from "discord.js";
import { resolveOption } from "../../chat/forms.js";
import { FEW_OPTIONS, type Field, type FieldOption } from "../../chat/views.js";
import { clip, LIMITS } from "./limits.js";

export type DiscordModal = APIModalInteractionResponseCallbackData;

/** One modal step: up to five fields, each offering the answer given so far or its initial value. */
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
      const description = field.kind === "people" ? (field.hint ?? "Pick one or more people.") : field.hint;
      return {
        type: ComponentType.Label,
        label: clip(field.label, LIMITS.inputLabel),
        ...(description ? { description: clip(description, LIMITS.labelDescription) } : {}),
        component: control(field, values[field.id] ?? field.initial),
      };
    }),
  };
}

function control(field: Field, current: string | undefined): APIComponentInLabel {
  const options = field.options ?? [];
  if (field.kind === "select" && options.length >= 2 && options.length <= FEW_OPTIONS) {
    const chosen = current === undefined ? undefined : resolveOption(field, current);
    return {
      type: ComponentType.RadioGroup,
      custom_id: field.id,
      required: field.required,
      options: options.map((o) => ({
        value: o.value,
        label: clip(o.label, LIMITS.optionLabel),
        ...(o.value === chosen ? { default: true } : {}),
      })),
    };
  }
  if (field.kind === "select" && options.length >= 1) {
    const chosen = current === undefined ? undefined : resolveOption(field, current);
    return {
      type: ComponentType.StringSelect,
      custom_id: field.id,
      required: field.required,
      min_values: field.required ? 1 : 0,
      max_values: 1,
      options: selectable(options, chosen).map((o) => ({
        value: o.value,
        label: clip(o.label, LIMITS.optionLabel),
        ...(o.value === chosen ? { default: true } : {}),
      })),
    };
  }
  if (field.kind === "person" || field.kind === "people") {
    const many = field.kind === "people" ? LIMITS.selectOptions : 1;
    const ids = [...(current ?? "").matchAll(/<@!?(\d{5,25})>/g)].map((m) => m[1]!).slice(0, many);
    return {
      type: ComponentType.UserSelect,
      custom_id: field.id,
      required: field.required,
      min_values: field.required ? 1 : 0,
      max_values: many,
      ...(ids.length ? { default_values: ids.map((id) => ({ id, type: SelectMenuDefaultValueType.User })) } : {}),
    };
  }
  if (field.kind === "file") {
    return {
      type: ComponentType.FileUpload,
      custom_id: field.id,
      required: field.required,
      min_values: field.required ? 1 : 0,
      max_values: 1,
    };
  }
  if (field.kind === "yesno") {
    return { type: ComponentType.Checkbox, custom_id: field.id, default: /^(y|yes|true)$/i.test(current ?? "") };
  }
  const placeholder = field.kind === "date" ? "YYYY-MM-DD" : field.kind === "datetime" ? "YYYY-MM-DD HH:MM" : undefined;
  return {
    type: ComponentType.TextInput,
    custom_id: field.id,
    style: field.kind === "textarea" ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: field.required,
    max_length: Math.min(field.maxLength ?? LIMITS.inputValue, LIMITS.inputValue),
    ...(placeholder ? { placeholder: clip(placeholder, LIMITS.placeholder) } : {}),
    ...(current ? { value: clip(current, LIMITS.inputValue) } : {}),
  };
}

/** The options a select shows: all that fit, and of a longer list the chosen one among the first, in order. */
export function selectable(options: FieldOption[], chosen: string | undefined): FieldOption[] {
  if (options.length <= LIMITS.selectOptions) return options;
  const first = options.slice(0, LIMITS.selectOptions);
  if (chosen === undefined || first.some((o) => o.value === chosen)) return first;
  return [...first.slice(0, -1), ...options.filter((o) => o.value === chosen)];
}

/**
 * The answers of one modal step, as the text every platform's answers are: a select's value, people as
 * mentions (`<@id>`, comma-separated), a checkbox as yes or no, an uploaded file as its attachment URL.
 */
export function modalAnswers(interaction: ModalSubmitInteraction, fieldIds: string[]): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const id of fieldIds) {
    const field = interaction.fields.fields.get(id);
    if (!field) continue;
    if (field.type === ComponentType.TextInput) answers[id] = field.value;
    else if (field.type === ComponentType.RadioGroup) answers[id] = field.value ?? "";
    else if (field.type === ComponentType.Checkbox) answers[id] = field.value ? "yes" : "no";
    else if (field.type === ComponentType.UserSelect) answers[id] = field.values.map((v) => `<@${v}>`).join(", ");
    else if (field.type === ComponentType.StringSelect) answers[id] = field.values[0] ?? "";
    else if (field.type === ComponentType.FileUpload) answers[id] = field.attachments.first()?.url ?? "";
  }
  return answers;
}
