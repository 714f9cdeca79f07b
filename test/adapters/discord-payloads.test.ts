// The fake Discord's payload check refuses what Discord refuses (so the tests that pass through it mean
// something), and takes what the bot renders.
import { describe, expect, it } from "vitest";
import { discordMessage } from "../../src/adapters/discord/components.js";
import { modalStep } from "../../src/adapters/discord/modals.js";
import { discordPayloadProblem } from "../support/discord-payloads.js";

describe("the fake Discord's payload check", () => {
  it("refuses too many embeds, too many characters, a bad button and a bad modal", () => {
    expect(discordPayloadProblem({ embeds: Array.from({ length: 11 }, () => ({ title: "t" })) })).toMatch(/11 embeds/);
    const long = { embeds: Array.from({ length: 2 }, () => ({ description: "d".repeat(4_000) })) };
    expect(discordPayloadProblem(long)).toMatch(/8000 characters/);
    const button = { type: 2, style: 2, label: "", custom_id: "b|x|y" };
    expect(discordPayloadProblem({ components: [{ type: 1, components: [button] }] })).toBeDefined();
    const modal = modalStep("m|1", "T", [{ id: "a", label: "A", kind: "text", required: true }], {});
    (modal.components[0] as { label: string }).label = "L".repeat(60);
    expect(discordPayloadProblem({ type: 9, data: modal })).toBeDefined();
  });

  it("takes what the bot renders", () => {
    const message = discordMessage([
      { type: "message", title: "Hi", text: "x", buttons: [{ label: "Go", action: "a", value: "v" }] },
    ]);
    expect(discordPayloadProblem({ type: 4, data: message })).toBeUndefined();
    const modal = modalStep("m|1", "T", [{ id: "a", label: "A", kind: "text", required: true }], {});
    expect(discordPayloadProblem({ type: 9, data: modal })).toBeUndefined();
  });
});
