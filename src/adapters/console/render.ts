// Views as plain text for a terminal. Buttons are numbered so a person picks
// one by typing its number.
import type { Button, Field, MessageView } from "../../chat/views.js";

export function renderMessage(view: MessageView, firstButton: number): { text: string; buttons: Button[] } {
  const lines: string[] = [];
  const buttons: Button[] = [];
  const mark = view.tone === "error" ? "✗ " : view.tone === "success" ? "✓ " : "";
  if (view.title) lines.push(`${mark}${view.title}`);
  if (view.text) lines.push(view.title ? view.text : `${mark}${view.text}`);
  const addButtons = (list: Button[] | undefined, indent: string) => {
    if (!list?.length) return;
    lines.push(
      indent +
        list
          .map((b) => {
            buttons.push(b);
            return `[${firstButton + buttons.length - 1}] ${b.label}`;
          })
          .join("  "),
    );
  };
  for (const section of view.sections ?? []) {
    if (section.heading) lines.push("", `== ${section.heading}`);
    for (const line of section.lines ?? []) lines.push(`  ${line}`);
    for (const [label, value] of section.fields ?? []) lines.push(`  ${label}: ${value}`);
    // A terminal opens a bare address itself; the label says what it is.
    if (section.links?.length) lines.push(`  Links: ${section.links.map((l) => `${l.label} ${l.url}`).join(" · ")}`);
    addButtons(section.buttons, "  ");
  }
  addButtons(view.buttons, "");
  return { text: lines.join("\n"), buttons };
}

export function fieldPrompt(field: Field): string {
  const parts = [field.label];
  if (field.kind === "list" || field.kind === "people") parts.push("(comma-separated)");
  if (field.kind === "date") parts.push("(YYYY-MM-DD)");
  if (field.kind === "yesno" && !/yes\/no/.test(field.label)) parts.push("(yes/no)");
  if (field.kind === "datetime") parts.push("(YYYY-MM-DD HH:MM)");
  // Nothing can be uploaded through a terminal: a required file is named by a link to it.
  if (field.kind === "file") parts.push("(a link to the file)");
  // A pick list's current value is shown as its option reads ("Full-time"), not as stored ("full_time").
  const initial = field.options?.find((o) => o.value === field.initial)?.label ?? field.initial;
  // With a value offered, an empty answer keeps it rather than skipping the field.
  if (!field.required) parts.push(initial ? "(optional)" : "(optional, empty to skip)");
  // Blank keeps it: the current value when editing, the usual one when creating.
  if (initial) parts.push(`[Enter for ${initial}]`);
  let prompt = parts.join(" ");
  if (field.hint) prompt += `\n    ${field.hint}`;
  if (field.options?.length) {
    prompt += "\n" + field.options.map((o, i) => `    ${i + 1}. ${o.label}`).join("\n");
  }
  return `${prompt}\n`;
}

/** Where the answer to a field is typed. */
export const ANSWER_PROMPT = "  > ";
