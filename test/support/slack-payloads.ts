// What Slack would refuse in a message or a view, from Block Kit's documented limits (lengths measured as
// sent, after escaping), so the fake Slack can answer such a call as Slack does (`invalid_blocks`) and every
// test that drives the bot through it fails on a payload Slack would not take. The TypeScript types of
// `@slack/types` check the shapes at compile time; these check what types cannot.
type Text = { type?: string; text?: string };
type Option = { text?: Text; value?: string };
type Element = {
  type: string;
  action_id?: string;
  text?: Text;
  value?: string;
  options?: Option[];
  max_length?: number;
  initial_value?: string;
  placeholder?: Text;
};
type Block = {
  type: string;
  block_id?: string;
  text?: Text;
  fields?: Text[];
  elements?: Element[];
  element?: Element;
  label?: Text;
};

const INPUT_ELEMENTS = new Set([
  "plain_text_input",
  "static_select",
  "radio_buttons",
  "checkboxes",
  "datepicker",
  "datetimepicker",
  "users_select",
  "multi_users_select",
  "number_input",
  "url_text_input",
  "file_input",
]);

function over(what: string, text: string | undefined, max: number, problems: string[]) {
  if ((text?.length ?? 0) > max) problems.push(`${what} is ${text!.length} characters (at most ${max})`);
}

function checkOptions(element: Element, max: number, problems: string[]) {
  const options = element.options ?? [];
  if (options.length < 1 || options.length > max) problems.push(`${element.type} with ${options.length} options`);
  for (const o of options) {
    over("option text", o.text?.text, 75, problems);
    over("option value", o.value, 150, problems);
  }
}

/** Problems of a list of blocks, at most `maxBlocks` of them (50 in a message, 100 in a view). */
export function blocksProblems(blocks: Block[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks (at most ${maxBlocks})`);
  const ids = blocks.map((b) => b.block_id).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) problems.push("block_ids that are not unique");
  for (const block of blocks) {
    over("block_id", block.block_id, 255, problems);
    if (block.type === "header") over("header", block.text?.text, 150, problems);
    if (block.type === "section") {
      if (!block.text?.text && !block.fields?.length) problems.push("a section with neither text nor fields");
      over("section text", block.text?.text, 3000, problems);
      if ((block.fields?.length ?? 0) > 10) problems.push("a section with more than 10 fields");
      for (const field of block.fields ?? []) over("section field", field.text, 2000, problems);
    }
    if (block.type === "actions") {
      const elements = block.elements ?? [];
      if (elements.length < 1 || elements.length > 25) problems.push(`an actions block of ${elements.length} elements`);
      const actionIds = elements.map((e) => e.action_id);
      if (new Set(actionIds).size !== actionIds.length) problems.push("action_ids repeated in one block");
      for (const e of elements) {
        if (e.type !== "button") problems.push(`${e.type} in an actions block`);
        if (!e.text?.text) problems.push("a button without text");
        over("button text", e.text?.text, 75, problems);
        over("button value", e.value, 2000, problems);
        over("action_id", e.action_id, 255, problems);
      }
    }
    if (block.type === "input") {
      const e = block.element;
      if (!e || !INPUT_ELEMENTS.has(e.type)) problems.push(`${e?.type ?? "no element"} in an input block`);
      over("label", block.label?.text, 2000, problems);
      if (e?.type === "static_select") checkOptions(e, 100, problems);
      if (e?.type === "radio_buttons" || e?.type === "checkboxes") checkOptions(e, 10, problems);
      if (e?.type === "plain_text_input") {
        over("initial value", e.initial_value, e.max_length ?? 3000, problems);
        over("placeholder", e.placeholder?.text, 150, problems);
      }
    }
  }
  return problems;
}

type View = { type?: string; title?: Text; submit?: Text; close?: Text; private_metadata?: string; blocks?: Block[] };

export function viewProblems(view: View): string[] {
  const problems = blocksProblems(view.blocks ?? [], 100);
  if (view.type === "modal") {
    over("modal title", view.title?.text, 24, problems);
    over("submit", view.submit?.text, 24, problems);
    over("close", view.close?.text, 24, problems);
    over("private_metadata", view.private_metadata, 3000, problems);
  }
  return problems;
}

const parsed = <T>(value: unknown): T | undefined =>
  typeof value === "string" ? (JSON.parse(value) as T) : (value as T | undefined);

/** Why Slack would refuse this Web API call's arguments or response_url body, or undefined. */
export function slackPayloadProblem(method: string, args: Record<string, unknown>): string | undefined {
  let problems: string[] = [];
  if (method.startsWith("views.")) {
    const view = parsed<View>(args.view);
    if (view) problems = viewProblems(view);
  } else {
    const blocks = parsed<Block[]>(args.blocks);
    if (blocks) problems = blocksProblems(blocks, 50);
  }
  return problems.length ? problems.join("; ") : undefined;
}
