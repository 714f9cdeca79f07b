// Sweeps that read only what came due since the previous sweep (SweepWatermark), and the catch-up that reads
// every window whole (at the scheduler's start, hourly): each test here fails if a reminder that came due is
// missed or enqueued twice.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { counting } from "../../bench/stores.js";
import { saveMentorProfile } from "../../src/core/people.js";
import { decideMentorRequest, requestToMentor } from "../../src/core/projects.js";
import { createLogger } from "../../src/log.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { SWEEPS, sweep, type SweepOptions } from "../../src/scheduler/sweeps.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { DAY, dueOf, enrollAda, type World, buildWorld } from "../support/world.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const options: SweepOptions = { escalateAfterHours: 48 };
/** No catch-up but the first: what these sweeps enqueue, the reading of what came due found alone. */
const neverCatchUp: SweepOptions = { ...options, catchUpMinutes: 365 * 24 * 60 };

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

/** Checkpoint 1's window opens a week before it is due (programs.ts). */
const opensAt = (checkpoint: number) => new Date(dueOf(checkpoint).getTime() - 7 * DAY);
const keys = async (kind: string) =>
  (await db.prisma.outboxMessage.findMany({ where: { kind }, select: { idempotencyKey: true } })).map(
    (m) => m.idempotencyKey,
  );
/** The counts of the reminder sweeps alone (not the closing, declining and failing that run with them). */
const reminders = (counts: Record<string, number>) =>
  Object.fromEntries(Object.keys(SWEEPS).map((name) => [name, counts[name]]));
const nothing = Object.fromEntries(Object.keys(SWEEPS).map((name) => [name, 0]));

describe("a sweep that reads only what came due", () => {
  it("enqueues a reminder in the minute its instant passes, once, and nothing a minute later", async () => {
    await enrollAda(w);
    w.clock.set(new Date(opensAt(1).getTime() - MINUTE));
    expect((await sweep(w.core, options)).evaluationOpen).toBe(0);
    w.clock.advance(MINUTE);
    const due = await sweep(w.core, options);
    expect({ open: due.evaluationOpen, selfReport: due.selfReportPending }).toEqual({ open: 1, selfReport: 1 });
    w.clock.advance(MINUTE);
    expect(reminders(await sweep(w.core, options))).toEqual(nothing);
    expect(await keys("eval-open")).toHaveLength(1);
    // Each sweep kept how far it has read.
    const marks = await db.prisma.sweepWatermark.findMany();
    expect(marks.map((m) => m.sweep).sort()).toEqual(Object.keys(SWEEPS).sort());
    for (const mark of marks) expect(mark.sweptUntil).toEqual(w.clock.now());
  });

  it("enqueues once when two replicas sweep at once", async () => {
    await enrollAda(w);
    w.clock.set(new Date(opensAt(1).getTime() - MINUTE));
    await sweep(w.core, options);
    w.clock.advance(MINUTE);
    const [a, b] = await Promise.all([sweep(w.core, options), sweep(w.core, options)]);
    expect(a!.evaluationOpen! + b!.evaluationOpen!).toBe(1);
    expect(a!.selfReportPending! + b!.selfReportPending!).toBe(1);
    expect(await keys("eval-open")).toHaveLength(1);
    expect(await keys("self-report")).toHaveLength(1);
  });

  it("after a day without sweeps, finds everything that came due meanwhile, as a catch-up would", async () => {
    await enrollAda(w);
    // The mentor is told two days before checkpoint 1 opens; the process is down from 3 days before to the
    // hour after it opened: "opens soon" is past its window, "open" and the self-report came due meanwhile.
    w.clock.set(new Date(opensAt(1).getTime() - 3 * DAY));
    await sweep(w.core, neverCatchUp);
    w.clock.set(new Date(opensAt(1).getTime() + HOUR));
    const after = await sweep(w.core, neverCatchUp);
    expect({ open: after.evaluationOpen, selfReport: after.selfReportPending }).toEqual({ open: 1, selfReport: 1 });
    expect(reminders(await sweep(w.core, neverCatchUp, { catchUp: true }))).toEqual(nothing);
    // And the same for the overdue reminder and the escalation 48 hours after the due date, ten days later.
    w.clock.set(new Date(dueOf(1).getTime() + 3 * DAY));
    const escalated = await sweep(w.core, neverCatchUp);
    expect({ overdue: escalated.evaluationOverdue, escalated: escalated.evaluationEscalated }).toEqual({
      overdue: 1,
      escalated: 1,
    });
    expect(reminders(await sweep(w.core, neverCatchUp, { catchUp: true }))).toEqual(nothing);
  });

  it("leaves a mentor approved in an open window to the catch-up, which reminds them within the hour", async () => {
    await enrollAda(w);
    w.clock.set(new Date(opensAt(1).getTime() + 10 * MINUTE));
    expect((await sweep(w.core, options)).evaluationOpen).toBe(1);
    const mia = await w.actor("mia");
    await saveMentorProfile(w.core, mia, { bio: "b", expertise: ["c"], timeZone: "UTC", capacity: 1 });
    await requestToMentor(w.core, mia, "kernel-docs");
    await decideMentorRequest(w.core, w.as.administrator, w.ids.project, mia.personId, true);
    // Checkpoint 1 opened before what the next sweeps read (from the previous one, less two minutes): they do
    // not see mia.
    for (let tick = 1; tick < 6; tick++) {
      w.clock.advance(10 * MINUTE);
      expect((await sweep(w.core, options)).evaluationOpen).toBe(0);
    }
    // The hour after the last catch-up, the next one does, and only her.
    w.clock.advance(10 * MINUTE);
    expect(reminders(await sweep(w.core, options))).toEqual({ ...nothing, evaluationOpen: 1 });
    const open = await keys("eval-open");
    expect(open).toHaveLength(2);
    expect(open.filter((key) => key.endsWith(`:${mia.personId}`))).toHaveLength(1);
  });

  it("catches up on a scheduler's first tick: a restarted process finds what other changes made due", async () => {
    await enrollAda(w);
    w.clock.set(new Date(opensAt(1).getTime() + MINUTE));
    await sweep(w.core, neverCatchUp);
    const mia = await w.actor("mia");
    await saveMentorProfile(w.core, mia, { bio: "b", expertise: ["c"], timeZone: "UTC", capacity: 1 });
    await requestToMentor(w.core, mia, "kernel-docs");
    await decideMentorRequest(w.core, w.as.administrator, w.ids.project, mia.personId, true);
    w.clock.advance(MINUTE);
    const scheduler = new Scheduler(w.core, [], createLogger("silent"), { ...neverCatchUp, cron: "* * * * *" });
    await scheduler.tick();
    expect(await keys("eval-open")).toHaveLength(2);
    // Its next tick reads only what came due: nothing.
    w.clock.advance(MINUTE);
    await scheduler.tick();
    expect(await keys("eval-open")).toHaveLength(2);
  });

  it("catches up when the clock reads earlier than the last catch-up", async () => {
    await enrollAda(w);
    w.clock.set(new Date(opensAt(1).getTime() + DAY));
    await sweep(w.core, neverCatchUp);
    await db.prisma.outboxMessage.deleteMany({ where: { kind: "eval-open" } });
    // Set back by an hour: a reading from the previous instant would read nothing.
    w.clock.set(new Date(opensAt(1).getTime() + DAY - HOUR));
    expect((await sweep(w.core, neverCatchUp)).evaluationOpen).toBe(1);
  });

  it("sends as many statements whatever the number of enrollments", async () => {
    await enrollAda(w);
    // A first catch-up declines bob, not selected at the term's start: the counted sweeps only sweep.
    w.clock.set(new Date(opensAt(1).getTime() - 2 * HOUR));
    await sweep(w.core, options);
    w.clock.set(new Date(opensAt(1).getTime() + MINUTE));
    const one = counting(db, w.clock);
    await sweep(one.core, options);
    const catchUpWithOne = one.statements();
    w.clock.advance(MINUTE);
    await sweep(one.core, options);
    const cameDueWithOne = one.statements() - catchUpWithOne;
    // Twenty more mentees of kernel-docs, active, with their checkpoints (as bench/sweep.ts seeds them).
    await db.sql.exec(`
      INSERT INTO "Person" (id, "displayName", "timeZone", "createdAt")
        SELECT 'm' || k, 'Mentee ' || k, 'UTC', now() FROM generate_series(1, 20) k;
      INSERT INTO "Application" (id, "projectId", "termId", "menteeId", status, motivation, experience, links,
                                 availability, "createdAt")
        SELECT 'a' || k, '${w.ids.project}', '${w.ids.term}', 'm' || k, 'accepted', 'm', 'e', '{}', 'full_time', now()
          FROM generate_series(1, 20) k;
      INSERT INTO "Enrollment" (id, "applicationId", "termId", "projectId", "menteeId", status, "stipendCents",
                                currency, "endAt", "createdAt")
        SELECT 'e' || k, 'a' || k, '${w.ids.term}', '${w.ids.project}', 'm' || k, 'active', 300000, 'USD',
               '2027-05-24', now() FROM generate_series(1, 20) k;
      INSERT INTO "EnrollmentCheckpoint" ("enrollmentId", "checkpointId", "opensAt", "dueAt", "graceEndsAt")
        SELECT 'e' || k, c.id, c."opensAt", c."dueAt", c."dueAt" + interval '7 days'
          FROM generate_series(1, 20) k CROSS JOIN "Checkpoint" c WHERE c."termId" = '${w.ids.term}';`);
    const many = counting(db, w.clock);
    w.clock.advance(HOUR);
    const caughtUp = await sweep(many.core, options);
    expect(caughtUp.evaluationOpen).toBe(20);
    const catchUpWithMany = many.statements();
    w.clock.advance(MINUTE);
    await sweep(many.core, options);
    expect({ catchUp: catchUpWithMany, cameDue: many.statements() - catchUpWithMany }).toEqual({
      catchUp: catchUpWithOne,
      cameDue: cameDueWithOne,
    });
  });
});
