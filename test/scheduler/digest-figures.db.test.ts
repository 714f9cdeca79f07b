// The digest's figures are counted in SQL: each is checked here against the world it counts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { programDigest } from "../../src/core/digest.js";
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
});
