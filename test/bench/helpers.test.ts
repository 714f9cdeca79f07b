// The benchmark's pure helpers (not the benchmarks: those run with `npm run bench`, never in `npm test`):
// percentiles over the rounds, the verdict against a target, and which interaction a fake Discord request
// answers.
import { describe, expect, it } from "vitest";
import { median, p99 } from "../../bench/stores.js";
import { summaryTable, verdict } from "../../bench/summary.js";
import { answerOf } from "../../bench/discord.js";

describe("percentiles", () => {
  it("takes the middle value and the 99th percentile by rank, whatever the order", () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i); // 200 … 1
    expect(median(values)).toBe(101);
    expect(p99(values)).toBe(198);
    expect(p99([5, 1, 3])).toBe(5);
    expect(median([7])).toBe(7);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});

describe("verdict", () => {
  it("says how far under or over an upper bound a figure is", () => {
    expect(verdict(150, { at: "most", value: 200, unit: "ms" })).toEqual({ met: true, by: "150 ms: 25% under" });
    expect(verdict(600, { at: "most", value: 200, unit: "ms" })).toEqual({ met: false, by: "600 ms: 3.0× the target" });
  });

  it("says how short of a lower bound a figure is", () => {
    expect(verdict(75, { at: "least", value: 300, unit: "/s" })).toEqual({ met: false, by: "75 /s: 75% short" });
    expect(verdict(600, { at: "least", value: 300, unit: "/s" }).met).toBe(true);
  });

  it("compares a ratio target with measured ÷ baseline, and cannot judge without a baseline", () => {
    const ratio = { at: "most", value: 1.5, ratio: true, unit: "" } as const;
    expect(verdict(60, ratio, 20)).toEqual({ met: false, by: "3.0×: 2.0× the target" });
    expect(verdict(25, ratio, 20).met).toBe(true);
    expect(verdict(25, ratio, undefined)).toEqual({ met: undefined, by: "not measured" });
  });

  it("wants none where the target is zero", () => {
    expect(verdict(0, { at: "most", value: 0, unit: "" })).toEqual({ met: true, by: "none" });
    expect(verdict(13, { at: "most", value: 0, unit: "" }).met).toBe(false);
  });

  it("puts each figure in a row beside its baseline and target", () => {
    const table = summaryTable([
      {
        figure: "ack p99",
        store: "PGlite",
        measured: 90,
        unit: "ms",
        baseline: { name: "bare Bolt", value: 30 },
        before: "912 ms vs 193 ms",
        target: { at: "most", value: 1.5, ratio: true, unit: "" },
      },
    ]);
    expect(table.split("\n")[2]).toBe(
      "| ack p99 | PGlite | 90 ms | 30 ms (bare Bolt) | 912 ms vs 193 ms | ≤ 1.5× baseline | no " +
        "| 3.0×: 2.0× the target |",
    );
  });
});

describe("the Discord bench's answers", () => {
  it("tells a deferral (first response) from a reply or follow-up (final answer)", () => {
    expect(answerOf({ method: "POST", path: "/interactions/1/token-1/callback", body: { type: 5 } })).toEqual({
      token: "token-1",
      first: true,
      final: false,
    });
    expect(answerOf({ method: "POST", path: "/interactions/1/token-1/callback", body: { type: 4 } })?.final).toBe(true);
    expect(
      answerOf({ method: "PATCH", path: "/webhooks/900000000000000001/token-1/messages/@original", body: {} }),
    ).toEqual({ token: "token-1", first: false, final: true });
    expect(answerOf({ method: "POST", path: "/channels/dm1/messages", body: {} })).toBeUndefined();
  });
});
