// The fake Slack's payload check refuses what Block Kit's limits refuse (so the tests that pass through it
// mean something), and takes what the bot renders.
import { describe, expect, it } from "vitest";
import { messageBlocks } from "../../src/adapters/slack/blocks.js";
import { modalView } from "../../src/adapters/slack/modals.js";
import { slackPayloadProblem } from "../support/slack-payloads.js";

describe("the fake Slack's payload check", () => {
  it("refuses too many blocks, long texts, repeated block ids and an empty select", () => {
    const section = (text: string, id?: string) => ({ type: "section", text: { type: "mrkdwn", text }, block_id: id });
    expect(slackPayloadProblem("chat.postMessage", { blocks: Array.from({ length: 51 }, () => section("x")) })).toMatch(
      /51 blocks/,
    );
    expect(slackPayloadProblem("chat.postMessage", { blocks: JSON.stringify([section("&".repeat(3001))]) })).toMatch(
      /section text/,
    );
    expect(slackPayloadProblem("chat.postMessage", { blocks: [section("a", "b"), section("c", "b")] })).toMatch(
      /not unique/,
    );
    const emptySelect = {
      type: "input",
      block_id: "p",
      label: { text: "P" },
      element: { type: "static_select", options: [] },
    };
    expect(slackPayloadProblem("views.open", { view: { type: "modal", blocks: [emptySelect] } })).toMatch(/0 options/);
  });

  it("takes what the bot renders", () => {
    const blocks = messageBlocks({
      type: "message",
      title: "Hi",
      text: "a & b",
      buttons: [{ label: "Go", action: "a", value: "v" }],
    });
    expect(slackPayloadProblem("chat.postMessage", { blocks })).toBeUndefined();
    const view = modalView({
      type: "form",
      form: "f",
      title: "T",
      submitLabel: "Send",
      context: "",
      fields: [{ id: "a", label: "A", kind: "select", required: true, options: [{ label: "One", value: "1" }] }],
    });
    expect(slackPayloadProblem("views.open", { view })).toBeUndefined();
  });
});
