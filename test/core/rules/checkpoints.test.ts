import { describe, expect, it } from "vitest";
import {
  checkpointToEvaluate,
  evaluationsOwed,
  firstNotPassed,
  nextToOpen,
  openCheckpoints,
  selfReportsOwed,
  upcomingCheckpoints,
} from "../../../src/core/rules/checkpoints.js";

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

// A mentee's four checkpoints: each opens a week before it is due, and stays open a week after.
const schedule = (n: number, due: string) => {
  const dueAt = at(due);
  const week = 7 * 86_400_000;
  return {
    checkpointId: `c${n}`,
    number: n,
    opensAt: new Date(dueAt.getTime() - week),
    dueAt,
    graceEndsAt: new Date(dueAt.getTime() + week),
  };
};
const checkpoints = [
  schedule(1, "2027-03-22"),
  schedule(2, "2027-04-12"),
  schedule(3, "2027-05-03"),
  schedule(4, "2027-05-24"),
];
const ids = (list: { checkpointId: string }[]) => list.map((s) => s.checkpointId);

describe("an enrollment's checkpoints", () => {
  it("are open from a week before they are due until the grace period ends", () => {
    const e = { checkpoints };
    expect(ids(openCheckpoints(e, at("2027-03-14")))).toEqual([]);
    expect(ids(openCheckpoints(e, at("2027-03-15")))).toEqual(["c1"]);
    expect(ids(openCheckpoints(e, at("2027-03-29")))).toEqual(["c1"]);
    expect(ids(openCheckpoints(e, at("2027-03-30")))).toEqual([]);
  });

  it("tell the mentee what is still ahead: not due yet and not passed", () => {
    const e = { checkpoints, evaluations: [{ checkpointId: "c2", outcome: "pass" }] };
    expect(ids(upcomingCheckpoints(e, at("2027-03-25")))).toEqual(["c3", "c4"]);
    expect(ids(upcomingCheckpoints({ checkpoints, evaluations: [] }, at("2027-03-25")))).toEqual(["c2", "c3", "c4"]);
  });

  it("owe an evaluation while open and not evaluated; an extension asks for it again", () => {
    const now = at("2027-03-20");
    expect(ids(evaluationsOwed({ checkpoints, evaluations: [] }, now))).toEqual(["c1"]);
    expect(ids(evaluationsOwed({ checkpoints, evaluations: [{ checkpointId: "c1", outcome: "pass" }] }, now))).toEqual(
      [],
    );
    expect(
      ids(evaluationsOwed({ checkpoints, evaluations: [{ checkpointId: "c1", outcome: "extend" }] }, now)),
    ).toEqual(["c1"]);
  });

  it("propose the first open one not passed for evaluation, else the first open one (to edit it)", () => {
    // Two windows overlap when an earlier checkpoint is still in its grace period.
    const overlapping = [schedule(1, "2027-03-22"), schedule(2, "2027-03-28")];
    const now = at("2027-03-25");
    expect(checkpointToEvaluate({ checkpoints: overlapping, evaluations: [] }, now)?.checkpointId).toBe("c1");
    const passed = [{ checkpointId: "c1", outcome: "pass" }];
    expect(checkpointToEvaluate({ checkpoints: overlapping, evaluations: passed }, now)?.checkpointId).toBe("c2");
    const allPassed = [...passed, { checkpointId: "c2", outcome: "pass" }];
    expect(checkpointToEvaluate({ checkpoints: overlapping, evaluations: allPassed }, now)?.checkpointId).toBe("c1");
    expect(checkpointToEvaluate({ checkpoints, evaluations: [] }, at("2027-03-01"))).toBeUndefined();
  });

  it("say which opens next, and which an extension moves first", () => {
    expect(nextToOpen({ checkpoints }, at("2027-03-20"))?.checkpointId).toBe("c2");
    expect(nextToOpen({ checkpoints }, at("2027-06-01"))).toBeUndefined();
    const evaluations = [
      { checkpointId: "c1", outcome: "pass" },
      { checkpointId: "c2", outcome: "extend" },
    ];
    expect(firstNotPassed({ checkpoints, evaluations })?.checkpointId).toBe("c2");
  });

  it("owe a self-report while open and not sent", () => {
    const now = at("2027-03-20");
    expect(ids(selfReportsOwed({ checkpoints, selfReports: [] }, now))).toEqual(["c1"]);
    expect(ids(selfReportsOwed({ checkpoints, selfReports: [{ checkpointId: "c1" }] }, now))).toEqual([]);
  });
});
