// Slack's renderers against golden views, and every payload checked against Slack's limits (LIMITS), so a
// view the bot renders is one Slack accepts however large it is.
import { describe, expect, it } from "vitest";
import { messageBlocks, type KnownBlock } from "../../src/adapters/slack/blocks.js";
import { LIMITS } from "../../src/adapters/slack/limits.js";
import { modalValues, modalView, type ModalView } from "../../src/adapters/slack/modals.js";
import type { Field, FormView, MessageView } from "../../src/chat/views.js";

const within = (what: string, text: string | undefined, max: number) =>
  expect(text?.length ?? 0, `${what} within ${max}`).toBeLessThanOrEqual(max);

/** Every limit a message's blocks are subject to. */
function checkBlocks(blocks: KnownBlock[], maxBlocks: number = LIMITS.messageBlocks): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const block of blocks) {
    if (block.type === "header") within("header", block.text.text, LIMITS.headerText);
    if (block.type === "section") {
      within("section text", block.text?.text, LIMITS.sectionText);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionFields);
      for (const field of block.fields ?? []) within("section field", field.text, LIMITS.fieldText);
    }
    if (block.type === "actions") {
      expect(block.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
      for (const element of block.elements) {
        if (element.type !== "button") throw new Error(`unexpected element ${element.type}`);
        within("button text", element.text.text, LIMITS.buttonText);
        within("button value", element.value, LIMITS.buttonValue);
        within("action id", element.action_id, LIMITS.actionId);
      }
    }
  }
}

function checkModal(modal: ModalView): void {
  within("title", modal.title.text, LIMITS.modalTitle);
  within("submit", modal.submit?.text, LIMITS.modalButton);
  within("close", modal.close?.text, LIMITS.modalButton);
  within("private_metadata", modal.private_metadata, LIMITS.privateMetadata);
  within("callback_id", modal.callback_id, LIMITS.callbackId);
  expect(modal.blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
  for (const block of modal.blocks) {
    if (block.type !== "input" || !("element" in block)) throw new Error(`unexpected block ${block.type}`);
    within("block_id", block.block_id, LIMITS.blockId);
    within("label", block.label.text, LIMITS.inputLabel);
    const element = block.element;
    if (element.type === "static_select" || element.type === "radio_buttons") {
      const options = element.options ?? [];
      expect(options.length).toBeGreaterThanOrEqual(1);
      // Slack takes 100 options in a select and 10 radio buttons.
      expect(options.length).toBeLessThanOrEqual(element.type === "radio_buttons" ? 10 : LIMITS.selectOptions);
      for (const option of options) {
        within("option text", option.text.text, LIMITS.optionText);
        within("option value", option.value, LIMITS.optionValue);
      }
    }
    if (element.type === "plain_text_input") {
      within("placeholder", element.placeholder?.text, LIMITS.placeholder);
      within("initial value", element.initial_value, element.max_length ?? LIMITS.plainTextInput);
    }
  }
}

/** An applicant's links: one with characters that would end a link early on each platform. */
const withLinks: MessageView = {
  type: "message",
  sections: [
    {
      heading: "Ada → Kernel docs",
      lines: ["Why: docs"],
      links: [
        { label: "GitHub: ada", url: "https://github.com/ada" },
        { label: "a|b [c]", url: "https://example.org/x?a=1&b=(2)|3>" },
      ],
    },
  ],
};

describe("Slack messages", () => {
  it("show a section's links as Slack links, each address and label escaped", () => {
    const blocks = messageBlocks(withLinks);
    checkBlocks(blocks);
    expect(blocks).toContainEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "Links: <https://github.com/ada|GitHub: ada> <https://example.org/x?a=1&amp;b=(2)%7C3%3E|a/b [c]>",
      },
    });
  });

  it("render a golden view as header, text, fields and buttons", () => {
    const view: MessageView = {
      type: "message",
      tone: "success",
      title: "Application accepted",
      text: "Ada joins <Kernel docs> & more.",
      sections: [
        {
          heading: "Ada Lovelace",
          fields: [["Project", "kernel-docs"]],
          buttons: [{ label: "Decline", action: "application.decline", value: "app-1", style: "danger" }],
        },
      ],
    };
    const blocks = messageBlocks(view);
    expect(blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Application accepted", emoji: true } },
      {
        type: "section",
        text: { type: "mrkdwn", text: ":white_check_mark: Ada joins &lt;Kernel docs&gt; &amp; more." },
      },
      { type: "section", text: { type: "mrkdwn", text: "*Ada Lovelace*" } },
      { type: "section", fields: [{ type: "mrkdwn", text: "*Project*\nkernel-docs" }] },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Decline", emoji: true },
            action_id: "application.decline#0",
            value: "app-1",
            style: "danger",
          },
        ],
      },
    ]);
    checkBlocks(blocks);
  });

  it("keeps the mentions the bot writes and warns on an error", () => {
    const blocks = messageBlocks({ type: "message", tone: "error", text: "<@U123> cannot do that." });
    expect(blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: ":warning: <@U123> cannot do that." } }]);
  });

  it("a very large view stays within every limit and says what it left out", () => {
    const huge: MessageView = {
      type: "message",
      title: "T".repeat(500),
      text: "<&>".repeat(2_000),
      sections: Array.from({ length: 200 }, (_, i) => ({
        heading: `Applicant ${i}`,
        lines: ["l".repeat(5_000)],
        fields: Array.from({ length: 23 }, (_, j): [string, string] => [`F${j}`, "&".repeat(1_000)]),
        buttons: Array.from({ length: 30 }, (_, j) => ({
          label: "L".repeat(100),
          action: "application.accept",
          value: "v".repeat(3_000),
          ...(j === 0 ? { style: "primary" as const } : {}),
        })),
      })),
      buttons: [{ label: "More", action: "more", value: "1" }],
    };
    const blocks = messageBlocks(huge);
    checkBlocks(blocks);
    const notes = blocks.filter((b) => b.type === "context");
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes[0])).toMatch(/more not shown here/);
    checkBlocks(messageBlocks(huge, LIMITS.viewBlocks), LIMITS.viewBlocks);
  });
});

const form: FormView = {
  type: "form",
  form: "application",
  title: "Apply to Kernel documentation",
  submitLabel: "Send my application",
  context: "project-1",
  fields: [
    { id: "motivation", label: "Why this project?", kind: "textarea", required: true, hint: "A few sentences" },
    {
      id: "availability",
      label: "Availability",
      kind: "select",
      required: true,
      options: [
        { label: "Full time", value: "full_time" },
        { label: "Part time", value: "part_time" },
      ],
      initial: "part_time",
    },
    { id: "start", label: "Start", kind: "date", required: false, hint: "When you can start" },
    { id: "mentors", label: "Mentors", kind: "people", required: false, hint: "Who else" },
  ],
};

describe("Slack modals", () => {
  it("render a golden form with each field's own control", () => {
    const modal = modalView(form);
    expect(modal).toEqual({
      type: "modal",
      callback_id: "application",
      private_metadata: "project-1",
      title: { type: "plain_text", text: "Apply to Kernel documen…", emoji: true },
      submit: { type: "plain_text", text: "Send my application", emoji: true },
      close: { type: "plain_text", text: "Cancel", emoji: true },
      blocks: [
        {
          type: "input",
          block_id: "motivation",
          optional: false,
          label: { type: "plain_text", text: "Why this project?", emoji: true },
          element: {
            type: "plain_text_input",
            action_id: "value",
            multiline: true,
            max_length: 3000,
            placeholder: { type: "plain_text", text: "A few sentences", emoji: true },
          },
        },
        {
          type: "input",
          block_id: "availability",
          optional: false,
          label: { type: "plain_text", text: "Availability", emoji: true },
          element: {
            type: "radio_buttons",
            action_id: "value",
            options: [
              { text: { type: "plain_text", text: "Full time", emoji: true }, value: "full_time" },
              { text: { type: "plain_text", text: "Part time", emoji: true }, value: "part_time" },
            ],
            initial_option: { text: { type: "plain_text", text: "Part time", emoji: true }, value: "part_time" },
          },
        },
        {
          type: "input",
          block_id: "start",
          optional: true,
          label: { type: "plain_text", text: "Start", emoji: true },
          hint: { type: "plain_text", text: "When you can start", emoji: true },
          element: { type: "datepicker", action_id: "value" },
        },
        {
          type: "input",
          block_id: "mentors",
          optional: true,
          label: { type: "plain_text", text: "Mentors", emoji: true },
          hint: { type: "plain_text", text: "Who else", emoji: true },
          element: {
            type: "multi_users_select",
            action_id: "value",
            placeholder: { type: "plain_text", text: "Who else", emoji: true },
          },
        },
      ],
    });
    checkModal(modal);
  });

  it("a very large form stays within every limit", () => {
    const many: Field[] = Array.from({ length: 120 }, (_, i) => ({
      id: `f${i}`,
      label: "L".repeat(3_000),
      kind: i % 2 ? "select" : "text",
      required: true,
      hint: "h".repeat(500),
      options: Array.from({ length: 150 }, (_, j) => ({ label: "o".repeat(100), value: `${j}${"v".repeat(200)}` })),
      initial: "i".repeat(5_000),
      maxLength: 10_000,
    }));
    checkModal(modalView({ ...form, title: "T".repeat(100), context: "c".repeat(5_000), fields: many }));
  });

  it("reads a submitted modal's state back into strings by field id", () => {
    expect(
      modalValues({
        values: {
          motivation: { value: { type: "plain_text_input", value: "I like docs" } },
          availability: {
            value: {
              type: "static_select",
              selected_option: { text: { type: "plain_text", text: "Full time" }, value: "full_time" },
            },
          },
          start: { value: { type: "datepicker", selected_date: "2027-03-01" } },
          mentors: { value: { type: "multi_users_select", selected_users: ["U1", "U2"] } },
          empty: { value: { type: "plain_text_input", value: null } },
        },
      }),
    ).toEqual({
      motivation: "I like docs",
      availability: "full_time",
      start: "2027-03-01",
      mentors: "<@U1>, <@U2>",
      empty: "",
    });
  });
});
