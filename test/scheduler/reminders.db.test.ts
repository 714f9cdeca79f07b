// Reminders on a simulated clock with the real scheduler: at the right local
// time, once; moved by an extension; quiet hours; time-zone edges.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { markPlanItemDone, submitSurvey } from "../../src/core/enrollments.js";
import { submitEvaluation, submitSelfReport } from "../../src/core/evaluations.js";
import { deliveredView } from "../../src/chat/notifications.js";
import { createLogger } from "../../src/log.js";
import type { OutgoingMessage, Sender } from "../../src/scheduler/dispatcher.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { afterQuietHours, sweep } from "../../src/scheduler/sweeps.js";
import type { Database } from "../../src/store/database.js";
import { separateTestDatabase, testDatabase } from "../support/database.js";
import { DAY, dueOf, enrollAda, evaluation, insideWindow, type World, buildWorld } from "../support/world.js";

const HOUR = 3_600_000;
let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

interface Delivered extends OutgoingMessage {
  at: Date;
  /** What the reader read. */
  text: string;
}

function recordingSender(w: World): Sender & { log: Delivered[] } {
  const log: Delivered[] = [];
  return {
    platform: "console",
    log,
    send: async (m) => {
      log.push({ ...m, at: w.clock.now(), text: deliveredView(m, "console").text ?? "" });
    },
  };
}

const localHour = (at: Date, zone: string) =>
  Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(at));

describe("quiet hours", () => {
  async function deferred(nowIso: string, zone: string): Promise<string> {
    const [row] = await db.prisma.$queryRawUnsafe<{ at: Date }[]>(
      `SELECT (${afterQuietHours("$2::text")}) AS at`,
      new Date(nowIso),
      zone,
    );
    return row!.at.toISOString();
  }

  it("defer a reminder from 22:00–08:00 local to 08:00 local, and leave the day alone", async () => {
    expect(await deferred("2027-03-10T12:00:00Z", "UTC")).toBe("2027-03-10T12:00:00.000Z");
    expect(await deferred("2027-03-10T23:30:00Z", "UTC")).toBe("2027-03-11T08:00:00.000Z");
    expect(await deferred("2027-03-10T03:00:00Z", "UTC")).toBe("2027-03-10T08:00:00.000Z");
    expect(await deferred("2027-03-10T21:59:00Z", "UTC")).toBe("2027-03-10T21:59:00.000Z");
  });

  it("follow a daylight-saving change (Europe/Berlin, 28 March 2027)", async () => {
    // 23:00 local on Saturday 27 March is 22:00 UTC (CET); 08:00 on Sunday is 06:00 UTC (CEST).
    expect(await deferred("2027-03-27T22:00:00Z", "Europe/Berlin")).toBe("2027-03-28T06:00:00.000Z");
    expect(await deferred("2027-03-26T22:00:00Z", "Europe/Berlin")).toBe("2027-03-27T07:00:00.000Z");
  });

  it("work at UTC+13 and UTC−10, across the date line", async () => {
    // 12:00 UTC is 01:00 next day in Auckland (NZDT): wait until 08:00 there, 19:00 UTC.
    expect(await deferred("2027-03-10T12:00:00Z", "Pacific/Auckland")).toBe("2027-03-10T19:00:00.000Z");
    // 12:00 UTC is 02:00 in Honolulu: 08:00 there is 18:00 UTC the same day.
    expect(await deferred("2027-03-10T12:00:00Z", "Pacific/Honolulu")).toBe("2027-03-10T18:00:00.000Z");
    expect(await deferred("2027-03-10T20:00:00Z", "Pacific/Honolulu")).toBe("2027-03-10T20:00:00.000Z");
  });
});

describe("a simulated term with the real scheduler", () => {
  // Ticks 3 hours apart: with the hourly catch-up each one reads every window whole; with none but the first,
  // each reads only what came due since the previous tick, and must send the same.
  it.each([
    ["an hourly catch-up", 60],
    ["only what came due after the first tick", 365 * 24 * 60],
  ])(
    "sends every reminder once, in the reader's daytime, and moves them with an extension (%s)",
    async (_, catchUpMinutes) => {
      await enrollAda(w);
      // The mentor lives at UTC+13, the mentee at UTC−10.
      await db.prisma.person.update({ where: { id: w.as.mentor.personId }, data: { timeZone: "Pacific/Auckland" } });
      await db.prisma.person.update({ where: { id: w.as.mentee.personId }, data: { timeZone: "Pacific/Honolulu" } });
      const sender = recordingSender(w);
      const scheduler = new Scheduler(w.core, [sender], createLogger("silent"), {
        cron: "* * * * *",
        escalateAfterHours: 48,
        catchUpMinutes,
      });
      const tickUntil = async (until: Date) => {
        while (w.clock.now() < until) {
          w.clock.advance(3 * HOUR);
          await scheduler.tick();
        }
      };

      // Checkpoint 1 passes on time; checkpoint 2 is extended by two weeks.
      w.clock.set(new Date(dueOf(1).getTime() - 10 * DAY));
      await tickUntil(insideWindow(1));
      await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(1));
      await tickUntil(insideWindow(2));
      await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2, "extend", 2));
      await tickUntil(new Date(dueOf(2, 2).getTime() + 3 * DAY));

      const mentorReminders = sender.log.filter((m) => m.target === "linus");
      const ofKind = (kind: string) => mentorReminders.filter((m) => m.kind === kind);
      // One of each for checkpoint 1 before it was evaluated, none after.
      expect(ofKind("eval-soon").filter((m) => m.text.startsWith("First evaluation"))).toHaveLength(1);
      expect(ofKind("eval-open").filter((m) => m.text.startsWith("First evaluation"))).toHaveLength(1);
      // Checkpoint 2: due tomorrow for the new date only, then overdue once.
      const due2 = ofKind("eval-due").filter((m) => m.text.startsWith("Midterm evaluation"));
      expect(due2).toHaveLength(1);
      expect(due2[0]!.at.getTime()).toBeGreaterThanOrEqual(dueOf(2, 2).getTime() - DAY);
      expect(due2[0]!.at.getTime()).toBeLessThan(dueOf(2, 2).getTime());
      expect(due2[0]!.text).toContain("(Pacific/Auckland)");
      expect(ofKind("eval-overdue").filter((m) => m.text.startsWith("Midterm evaluation"))).toHaveLength(1);
      // Escalated to the administrator 48 hours after the (moved) due date.
      const escalated = sender.log.filter((m) => m.kind === "eval-escalated");
      expect(escalated).toHaveLength(1);
      expect(escalated[0]!.target).toBe("grace");
      expect(escalated[0]!.at.getTime()).toBeGreaterThanOrEqual(dueOf(2, 2).getTime() + 2 * DAY);

      // Reminders that may wait arrive in the reader's daytime.
      const mayWait = [
        "eval-soon",
        "eval-open",
        "eval-due",
        "self-report",
        "survey",
        "prerequisite-due",
        "onboarding",
        "stipend-waiting",
      ];
      const waited = sender.log.filter((m) => mayWait.includes(m.kind));
      expect(waited.length).toBeGreaterThan(5);
      for (const m of waited) {
        const zone = m.target === "linus" ? "Pacific/Auckland" : m.target === "ada" ? "Pacific/Honolulu" : "UTC";
        const hour = localHour(m.at, zone);
        expect(hour >= 8 && hour < 22, `${m.kind} at ${m.at.toISOString()} is ${hour}:00 in ${zone}`).toBe(true);
      }
      // The mentee was asked for each open self-report once: checkpoint 1, checkpoint 2,
      // and checkpoint 2 again in its moved window.
      const selfReports = sender.log.filter((m) => m.target === "ada" && m.kind === "self-report");
      expect(selfReports.map((m) => m.text.slice(0, 40))).toEqual([
        "Your self-report for First evaluation (K",
        "Your self-report for Midterm evaluation ",
        "Your self-report for Midterm evaluation ",
      ]);
      expect(selfReports[2]!.at.getTime()).toBeGreaterThanOrEqual(dueOf(2, 2).getTime() - 7 * DAY);

      // Exactly once: one delivery record per message, one message per key.
      const deliveries = await db.prisma.reminderDelivery.count();
      expect(deliveries).toBe(sender.log.length);
      expect(new Set(sender.log.map((m) => m.id)).size).toBe(sender.log.length);
    },
    120_000,
  );

  it("runs a whole 24-week part-time term: each reminder once, in daytime, until the letter", async () => {
    const part = await separateTestDatabase();
    try {
      const p = await buildWorld(part, "part_time");
      const enrollment = await enrollAda(p);
      await part.prisma.person.update({ where: { id: p.as.mentor.personId }, data: { timeZone: "Pacific/Auckland" } });
      await part.prisma.person.update({ where: { id: p.as.mentee.personId }, data: { timeZone: "Pacific/Honolulu" } });
      const sender = recordingSender(p);
      const scheduler = new Scheduler(p.core, [sender], createLogger("silent"), {
        cron: "* * * * *",
        escalateAfterHours: 48,
      });
      const schedules = await part.prisma.enrollmentCheckpoint.findMany({
        where: { enrollmentId: enrollment.id },
        include: { checkpoint: true },
        orderBy: { dueAt: "asc" },
      });
      p.clock.set("2027-02-10T01:00:00Z");
      const end = new Date(dueOf(4, 0, "part_time").getTime() + 10 * DAY);
      while (p.clock.now() < end) {
        await scheduler.tick();
        const now = p.clock.now();
        // A day after a checkpoint opens, the mentee reports and the mentor evaluates.
        for (const s of schedules) {
          if (now.getTime() < s.opensAt.getTime() + DAY || now > s.dueAt) continue;
          const done = await part.prisma.evaluation.count({
            where: { enrollmentId: enrollment.id, checkpointId: s.checkpointId },
          });
          if (done) continue;
          await submitSelfReport(p.core, p.as.mentee, {
            checkpoint: s.checkpoint.number,
            hours: 20,
            support: "s",
            progress: "p",
          });
          if (s.checkpoint.isFinal) {
            for (const item of await part.prisma.planItem.findMany({ where: { enrollmentId: enrollment.id } }))
              await markPlanItemDone(p.core, p.as.mentee, item.id);
            await submitSurvey(p.core, p.as.mentee, {
              overall: 5,
              mentorSupport: 5,
              wouldRecommend: true,
              comments: "",
            });
          }
          await submitEvaluation(p.core, p.as.mentor, "@ada", evaluation(s.checkpoint.number));
        }
        p.clock.advance(6 * HOUR);
      }
      expect((await part.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).status).toBe(
        "completed",
      );
      const count = (kind: string) => sender.log.filter((m) => m.kind === kind).length;
      expect({
        soon: count("eval-soon"),
        open: count("eval-open"),
        due: count("eval-due"),
        overdue: count("eval-overdue"),
        selfReport: count("self-report"),
        survey: count("survey"),
      }).toEqual({ soon: 4, open: 4, due: 0, overdue: 0, selfReport: 4, survey: 1 });
      expect(sender.log.filter((m) => m.kind === "letter_issued").map((m) => m.target)).toEqual(["ada"]);
      for (const m of sender.log.filter((m) => ["eval-soon", "eval-open", "self-report", "survey"].includes(m.kind))) {
        const zone = m.target === "linus" ? "Pacific/Auckland" : "Pacific/Honolulu";
        const hour = localHour(m.at, zone);
        expect(hour >= 8 && hour < 22, `${m.kind} at ${hour}:00 in ${zone}`).toBe(true);
      }
      expect(await part.prisma.reminderDelivery.count()).toBe(sender.log.length);
    } finally {
      await part.close();
    }
  }, 180_000);

  it("counts a final evaluation still missing after its grace period as a fail", async () => {
    const enrollment = await enrollAda(w);
    for (const checkpoint of [1, 2, 3]) {
      w.clock.set(insideWindow(checkpoint));
      await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(checkpoint));
    }
    w.clock.set(new Date(dueOf(4).getTime() + 6 * DAY));
    await sweep(w.core, { escalateAfterHours: 48 });
    expect((await db.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).status).toBe("active");
    w.clock.set(new Date(dueOf(4).getTime() + 8 * DAY));
    const counts = await sweep(w.core, { escalateAfterHours: 48 });
    expect(counts.failedForMissingFinal).toBe(1);
    const ended = await db.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(ended).toMatchObject({
      status: "failed",
      endReason: "The final evaluation was not submitted before its grace period ended.",
    });
    // The second payment never comes: only the midterm's exists.
    expect(await db.prisma.stipendPayment.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
  });

  it("enqueues nothing twice when sweeps run at once (two replicas)", async () => {
    await enrollAda(w);
    w.clock.set(insideWindow(1));
    const results = await Promise.all([
      sweep(w.core, { escalateAfterHours: 48 }),
      sweep(w.core, { escalateAfterHours: 48 }),
    ]);
    const keys = await db.prisma.outboxMessage.findMany({
      where: { kind: { in: ["eval-open", "self-report"] } },
      select: { idempotencyKey: true },
    });
    expect(keys).toHaveLength(2);
    expect(results[0]!.evaluationOpen! + results[1]!.evaluationOpen!).toBe(1);
  });
});
