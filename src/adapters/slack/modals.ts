// Forms as Slack modals (one input block per field, the platform's own control for each kind of field),
// and a submitted modal's state read back into the strings every platform sends.
import type { types, ViewStateValue } from "@slack/bolt";
import { FEW_OPTIONS, type Field, type FormView } from "../../chat/views.js";
import { plain } from "./blocks.js";
import { clip, LIMITS } from "./limits.js";

export type ModalView = types.ModalView;
type InputBlock = types.InputBlock;

/** Every input's action id; its block id is the field's id. */
const FIELD_ACTION = "value";

/** The user id in a mention `<@U123>`, as a users_select's initial user. */
const userIdOf = (mention: string | undefined) => (mention ? /^<@([A-Z0-9]+)>$/.exec(mention)?.[1] : undefined);

function inputElement(field: Field): InputBlock["element"] {
  const placeholder = field.hint ? { placeholder: plain(field.hint, LIMITS.placeholder) } : {};
  switch (field.kind) {
    case "select": {
      const options = (field.options ?? [])
        .slice(0, LIMITS.selectOptions)
        .map((o) => ({ text: plain(o.label, LIMITS.optionText), value: clip(o.value, LIMITS.optionValue) }));
      const initial = options.find((o) => o.value === field.initial);
      if (options.length >= 2 && options.length <= FEW_OPTIONS) {
        return {
          type: "radio_buttons",
          action_id: FIELD_ACTION,
          options,
          ...(initial ? { initial_option: initial } : {}),
        };
      }
      return {
        type: "static_select",
        action_id: FIELD_ACTION,
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case "date":
      return { type: "datepicker", action_id: FIELD_ACTION, ...(field.initial ? { initial_date: field.initial } : {}) };
    case "datetime": {
      // Slack's picker shows the person's own zone and gives back an instant (seconds since the epoch).
      const initial = field.initial ? Date.parse(field.initial) : Number.NaN;
      return {
        type: "datetimepicker",
        action_id: FIELD_ACTION,
        ...(Number.isNaN(initial) ? {} : { initial_date_time: Math.floor(initial / 1000) }),
      };
    }
    case "person": {
      const initial = userIdOf(field.initial);
      return {
        type: "users_select",
        action_id: FIELD_ACTION,
        ...placeholder,
        ...(initial ? { initial_user: initial } : {}),
      };
    }
    case "people": {
      const initial = (field.initial ?? "")
        .split(",")
        .map((m) => userIdOf(m.trim()))
        .filter((id) => id !== undefined);
      return {
        type: "multi_users_select",
        action_id: FIELD_ACTION,
        ...placeholder,
        ...(initial.length ? { initial_users: initial } : {}),
      };
    }
    case "number":
      return {
        type: "number_input",
        action_id: FIELD_ACTION,
        is_decimal_allowed: false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(field.initial ? { initial_value: field.initial } : {}),
      };
    case "url":
      return {
        type: "url_text_input",
        action_id: FIELD_ACTION,
        ...(field.initial ? { initial_value: field.initial } : {}),
      };
    case "file":
      return { type: "file_input", action_id: FIELD_ACTION, max_files: 1 };
    case "yesno": {
      // One checkbox: ticked is yes. Unticked arrives as no selection, read back as "no".
      const yes = { text: plain("Yes", LIMITS.optionText), value: "yes" };
      const ticked = ["yes", "y", "true"].includes((field.initial ?? "").toLowerCase());
      return {
        type: "checkboxes",
        action_id: FIELD_ACTION,
        options: [yes],
        ...(ticked ? { initial_options: [yes] } : {}),
      };
    }
    default: {
      const maxLength = Math.min(field.maxLength ?? LIMITS.plainTextInput, LIMITS.plainTextInput);
      return {
        type: "plain_text_input",
        action_id: FIELD_ACTION,
        multiline: field.kind === "textarea",
        max_length: maxLength,
        // Slack refuses a modal whose initial value is longer than its input allows.
        ...(field.initial ? { initial_value: clip(field.initial, maxLength) } : {}),
        ...placeholder,
      };
    }
  }
}

function inputBlock(field: Field): InputBlock {
  // A text input shows its hint as the placeholder; other controls show it under the field.
  const hint = field.hint && field.kind !== "text" && field.kind !== "textarea";
  return {
    type: "input",
    block_id: clip(field.id, LIMITS.blockId),
    optional: !field.required,
    label: plain(field.label, LIMITS.inputLabel),
    ...(hint && field.hint ? { hint: plain(field.hint, LIMITS.inputLabel) } : {}),
    element: inputElement(field),
  };
}

export function modalView(form: FormView): ModalView {
  return {
    type: "modal",
    callback_id: clip(form.form, LIMITS.callbackId),
    private_metadata: clip(form.context, LIMITS.privateMetadata),
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    blocks: form.fields.slice(0, LIMITS.viewBlocks).map(inputBlock),
  };
}

/** A submitted modal's values, keyed by field id, as the strings every platform sends. */
export function modalValues(state: { values: Record<string, Record<string, ViewStateValue>> }): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    const input = actions[FIELD_ACTION];
    if (!input) continue;
    values[blockId] =
      input.selected_option?.value ??
      input.selected_date ??
      (typeof input.selected_date_time === "number"
        ? new Date(input.selected_date_time * 1000).toISOString().replace(/\.\d{3}Z$/, "Z")
        : undefined) ??
      (input.selected_user ? `<@${input.selected_user}>` : undefined) ??
      (input.selected_users ? input.selected_users.map((u) => `<@${u}>`).join(", ") : undefined) ??
      // A yes/no checkbox: ticked is its one option, unticked an empty list.
      (input.type === "checkboxes" ? (input.selected_options?.length ? "yes" : "no") : undefined) ??
      // An uploaded file is kept where Slack shows it to the workspace (its permalink needs `files:read`).
      (input.type === "file_input" ? (input.files?.[0]?.permalink ?? "") : undefined) ??
      input.value ??
      "";
  }
  return values;
}
