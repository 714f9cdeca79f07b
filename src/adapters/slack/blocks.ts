// Neutral views as Block Kit: messages as blocks, forms as modals. Slack's
// hard limits are gathered in LIMITS and enforced here, so no view, however
// large (a project with 200 applicants), is rejected by Slack.
import type { Button, Field, FormView, MessageView } from "../../chat/views.js";

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  headerText: 150,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  inputLabel: 2000,
  placeholder: 150,
  plainTextInput: 3000,
} as const;

export type Block = Record<string, unknown>;

export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const plain = (text: string, max: number) => ({ type: "plain_text", text: clip(text, max), emoji: true });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text: clip(escape(text), LIMITS.sectionText) });
/** Slack reads &, < and > as markup; mentions we write ourselves stay. */
const escape = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/<(?!@[A-Z0-9]+>)/g, "&lt;")
    .replace(/(?<!<@[A-Z0-9]+)>/g, "&gt;");

/** Button values carry the action too, so one listener serves every button. */
export const buttonActionId = (button: Button, index: number) => clip(`${button.action}#${index}`, LIMITS.actionId);
export const actionFromId = (actionId: string) => actionId.replace(/#\d+$/, "");

function buttons(list: Button[], offset: number): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < list.length; i += LIMITS.actionsElements) {
    blocks.push({
      type: "actions",
      elements: list.slice(i, i + LIMITS.actionsElements).map((b, j) => ({
        type: "button",
        text: plain(b.label, LIMITS.buttonText),
        action_id: buttonActionId(b, offset + i + j),
        value: clip(b.value, LIMITS.buttonValue),
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }
  return blocks;
}

export function messageBlocks(view: MessageView, maxBlocks: number = LIMITS.messageBlocks): Block[] {
  const blocks: Block[] = [];
  let buttonCount = 0;
  if (view.title)
    blocks.push({
      type: "header",
      text: plain(`${view.tone === "error" ? "⚠️ " : ""}${view.title}`, LIMITS.headerText),
    });
  if (view.text)
    blocks.push({
      type: "section",
      text: mrkdwn(
        view.tone === "error" && !view.title
          ? `:warning: ${view.text}`
          : view.tone === "success"
            ? `:white_check_mark: ${view.text}`
            : view.text,
      ),
    });
  const sections = view.sections ?? [];
  for (const [index, section] of sections.entries()) {
    const part: Block[] = [];
    const heading = section.heading ? `*${section.heading}*` : "";
    const lines = (section.lines ?? []).join("\n");
    if (heading || lines) part.push({ type: "section", text: mrkdwn([heading, lines].filter(Boolean).join("\n")) });
    if (section.fields?.length) {
      for (let i = 0; i < section.fields.length; i += LIMITS.sectionFields) {
        part.push({
          type: "section",
          fields: section.fields
            .slice(i, i + LIMITS.sectionFields)
            .map(([label, value]) => mrkdwn(clip(`*${label}*\n${value}`, LIMITS.fieldText))),
        });
      }
    }
    part.push(...buttons(section.buttons ?? [], buttonCount));
    buttonCount += section.buttons?.length ?? 0;
    if (blocks.length + part.length + 2 > maxBlocks) {
      // Slack refuses more blocks; say what was left out and how to see it.
      blocks.push({
        type: "context",
        elements: [
          mrkdwn(
            `…and ${sections.length - index} more not shown here. Narrow the list (for example by project or status) to see them.`,
          ),
        ],
      });
      break;
    }
    blocks.push(...part);
    if (index < sections.length - 1) blocks.push({ type: "divider" });
  }
  if (view.buttons?.length && blocks.length < maxBlocks)
    blocks.push(...buttons(view.buttons, buttonCount).slice(0, maxBlocks - blocks.length));
  return blocks;
}

/** The text Slack shows in notifications and to screen readers. */
export const fallbackText = (view: MessageView) =>
  clip([view.title, view.text].filter(Boolean).join(": ") || "Mentorship bot", 3000);

const FIELD_ACTION = "value";

function inputElement(field: Field): Block {
  const base = { action_id: FIELD_ACTION };
  const placeholder = field.hint ? { placeholder: plain(field.hint, LIMITS.placeholder) } : {};
  switch (field.kind) {
    case "select": {
      const options = (field.options ?? [])
        .slice(0, LIMITS.selectOptions)
        .map((o) => ({ text: plain(o.label, LIMITS.optionText), value: clip(o.value, LIMITS.optionValue) }));
      const initial = options.find((o) => o.value === field.initial);
      return { type: "static_select", ...base, options, ...(initial ? { initial_option: initial } : {}) };
    }
    case "date":
      return { type: "datepicker", ...base, ...(field.initial ? { initial_date: field.initial } : {}) };
    case "people":
      return { type: "multi_users_select", ...base, ...placeholder };
    default:
      return {
        type: "plain_text_input",
        ...base,
        multiline: field.kind === "textarea",
        max_length: Math.min(field.maxLength ?? LIMITS.plainTextInput, LIMITS.plainTextInput),
        ...(field.initial ? { initial_value: field.initial } : {}),
        ...placeholder,
      };
  }
}

export function modalView(form: FormView): Block {
  return {
    type: "modal",
    callback_id: form.form,
    private_metadata: clip(form.context, LIMITS.privateMetadata),
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    blocks: form.fields.slice(0, LIMITS.viewBlocks).map((field) => ({
      type: "input",
      block_id: field.id,
      optional: !field.required,
      label: plain(field.label, LIMITS.inputLabel),
      ...(field.hint && field.kind !== "text" && field.kind !== "textarea"
        ? { hint: plain(field.hint, LIMITS.inputLabel) }
        : {}),
      element: inputElement(field),
    })),
  };
}

type StateValue = {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
  selected_users?: string[];
};

/** A submitted modal's values, keyed by field id, as the strings every platform sends. */
export function modalValues(state: { values: Record<string, Record<string, StateValue>> }): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    const input = actions[FIELD_ACTION];
    if (!input) continue;
    values[blockId] =
      input.selected_option?.value ??
      input.selected_date ??
      (input.selected_users ? input.selected_users.map((u) => `<@${u}>`).join(", ") : undefined) ??
      input.value ??
      "";
  }
  return values;
}
