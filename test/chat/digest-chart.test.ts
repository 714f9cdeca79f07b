// The chart's PNG is rendered once per content: the pages of one digest, a digest asked for again, and a week
// whose figures did not change all draw the same picture (resvg parses both fonts for every render).
import { describe, expect, it } from "vitest";
import { chartAttachment } from "../../src/chat/digest-chart.js";
import type { ChartFigures } from "../../src/core/digest.js";

const figures: ChartFigures = {
  term: "2027-spring",
  funnel: { applied: 12, prerequisitesDone: 9, accepted: 4, completed: 0 },
  checkpoints: [{ number: 1, name: "First evaluation", pass: 3, extend: 1, fail: 0 }],
  payments: { pending_approval: 2, approved: 1, declined: 0, paid: 0 },
};

describe("the chart's PNG", () => {
  it("is rendered once for the same figures, under each name asked for", async () => {
    const first = await chartAttachment(figures, "lfx", "digest-lfx-2027-04-05.png");
    const again = await chartAttachment(figures, "lfx", "digest-lfx-2027-04-12.png");
    expect(again.content).toBe(first.content);
    expect([first.name, again.name]).toEqual(["digest-lfx-2027-04-05.png", "digest-lfx-2027-04-12.png"]);
  });

  it("is rendered anew when a figure or the program changes", async () => {
    const first = await chartAttachment(figures, "lfx", "a.png");
    const moved = await chartAttachment({ ...figures, funnel: { ...figures.funnel, accepted: 5 } }, "lfx", "a.png");
    const other = await chartAttachment(figures, "cncf", "a.png");
    expect(moved.content.equals(first.content)).toBe(false);
    expect(other.content.equals(first.content)).toBe(false);
    expect(moved.altText).toContain("5 accepted");
  });
});
