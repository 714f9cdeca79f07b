import { describe, expect, it } from "vitest";
import { isComplete, isReadyForReview, prerequisiteProgress, reviewOrder } from "../../../src/core/applications.js";

const app = (name: string, status: string, tasks: string[], day: number) => ({
  name,
  status,
  tasks: tasks.map((s) => ({ status: s })),
  createdAt: new Date(Date.UTC(2027, 0, day)),
});

describe("triage of applications", () => {
  it("counts an application complete when every task is submitted or completed, whatever its status", () => {
    expect(isComplete(app("a", "pending", ["completed", "submitted"], 1))).toBe(true);
    expect(isComplete(app("a", "accepted", ["completed"], 1))).toBe(true);
    expect(isComplete(app("a", "pending", ["completed", "in_progress"], 1))).toBe(false);
    expect(isComplete(app("a", "pending", [], 1))).toBe(true);
    expect(isReadyForReview(app("a", "accepted", ["completed"], 1))).toBe(false);
  });

  it("measures prerequisite progress: completed counts whole, submitted half", () => {
    expect(prerequisiteProgress(app("a", "pending", ["completed", "submitted", "pending", "in_progress"], 1))).toBe(
      0.375,
    );
    expect(prerequisiteProgress(app("a", "pending", [], 1))).toBe(1);
  });

  it("orders by progress (then the oldest first), or ready for review first", () => {
    const list = [
      app("new-half", "pending", ["completed", "pending"], 5),
      app("old-none", "pending", ["pending", "pending"], 1),
      app("old-half", "pending", ["submitted", "submitted"], 2),
      app("all-done", "accepted", ["completed", "completed"], 4),
    ];
    expect([...list].sort(reviewOrder("progress")).map((a) => a.name)).toEqual([
      "all-done",
      "old-half",
      "new-half",
      "old-none",
    ]);
    // Ready first: only the pending ones with every task in (old-half); then the oldest.
    expect([...list].sort(reviewOrder("ready")).map((a) => a.name)).toEqual([
      "old-half",
      "old-none",
      "all-done",
      "new-half",
    ]);
  });
});
