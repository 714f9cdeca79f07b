// The digest's figures are counted in SQL: each is checked here against the world it counts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedDigest } from "../../bench/digest.js";
import { digestView } from "../../src/chat/digest-view.js";
import { DIGEST_LIST_SHOWN, digestOf, programDigest } from "../../src/core/digest.js";
import { markPlanItemDone } from "../../src/core/enrollments.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { buildWorld, DAY, dueOf, enrollAda, type World } from "../support/world.js";

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

describe("the digest's figures", () => {
  it("counts the pending applications' prerequisites, and names who is ready for review", async () => {
    // ada submitted kernel-docs's one prerequisite; bob's k8s-ops asks for none.
    const d = await programDigest(w.core, w.as.administrator, "lfx");
    expect(d.prerequisites).toEqual({ completed: 0, submitted: 1, total: 1 });
    expect(d.ready.map((a) => a.mentee).sort()).toEqual(["ada", "bob"]);
    expect(d.chart?.funnel).toEqual({ applied: 2, prerequisitesDone: 2, accepted: 0, completed: 0 });
    // A task sent back to pending: ada is no longer ready, and the funnel counts her prerequisites undone.
    await db.prisma.applicationTask.update({ where: { id: w.ids.task }, data: { status: "pending" } });
    const after = await programDigest(w.core, w.as.administrator, "lfx");
    expect(after.prerequisites).toEqual({ completed: 0, submitted: 0, total: 1 });
    expect(after.ready.map((a) => a.mentee)).toEqual(["bob"]);
    expect(after.chart?.funnel.prerequisitesDone).toBe(1);
  });

  it("names each reason a mentee is at risk, and stops when it is gone", async () => {
    const enrollment = await enrollAda(w);
    w.clock.set(new Date(dueOf(1).getTime() + DAY));
    // The first evaluation and self-report are a day overdue, her one plan item untouched since she started.
    const before = await programDigest(w.core, w.as.administrator, "lfx");
    expect(before.overdue).toEqual([
      { mentee: "ada", project: "Kernel docs", checkpoint: "First evaluation", dueAt: dueOf(1).toISOString() },
    ]);
    expect(before.atRisk).toEqual([
      {
        mentee: "ada",
        project: "Kernel docs",
        reasons: ["overdue_evaluation", "no_plan_progress", "overdue_self_report"],
      },
    ]);
    expect(before.chart?.funnel).toMatchObject({ applied: 2, accepted: 1, completed: 0 });
    const item = await db.prisma.planItem.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
    await markPlanItemDone(w.core, w.as.mentee, item.id);
    const after = await programDigest(w.core, w.as.administrator, "lfx");
    expect(after.atRisk[0]?.reasons).toEqual(["overdue_evaluation", "overdue_self_report"]);
  });

  it("names the first of a long list and counts the rest", async () => {
    // The benchmark's program, small: 40 enrolled and at risk (no plan progress), 60 pending sent this week
    // (30 of them ready), 24 of the enrolled with the first evaluation overdue (20 not evaluated, 4 extended).
    await seedDigest(db, 120, 40);
    w.clock.set("2027-04-05T09:00:00Z");
    const program = await db.prisma.program.findUniqueOrThrow({ where: { id: "prog" } });
    const d = await digestOf(w.core, program);
    expect(d.counts).toEqual({ newApplications: 60, ready: 30, overdue: 24, atRisk: 40, notSelected: 0 });
    expect([d.newApplications, d.ready, d.overdue, d.atRisk].map((list) => list.length)).toEqual([
      DIGEST_LIST_SHOWN,
      DIGEST_LIST_SHOWN,
      24,
      DIGEST_LIST_SHOWN,
    ]);
    // The first by when they enrolled (all at once here, then by id): Mentee 1, neither evaluated nor reported.
    expect(d.atRisk[0]).toEqual({
      mentee: "Mentee 1",
      project: "Project 2",
      reasons: ["overdue_evaluation", "no_plan_progress", "overdue_self_report"],
    });
    const sections = digestView(d, w.clock.now(), "UTC").sections ?? [];
    const ready = sections.find((s) => s.heading === "Ready for review (30)");
    expect(ready?.lines).toHaveLength(DIGEST_LIST_SHOWN + 1);
    expect(ready?.lines?.at(-1)).toBe(`…and ${30 - DIGEST_LIST_SHOWN} more.`);
    const overdue = sections.find((s) => s.heading === "Overdue evaluations (24)");
    expect(overdue?.lines).toHaveLength(24);
  });
});
