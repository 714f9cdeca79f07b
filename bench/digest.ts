// `npm run bench` (part): the administrators' digest of a program with 10,000 applications and 2,000
// enrollments, on each store: the core's digest (src/core/digest.ts, its queries and the facts) and its
// rendering (src/chat/digest-view.ts: the message and the chart's PNG), median and p99 over rounds after a
// first, cold one, with the statements each digest sends. Seeded in SQL (generate_series), seconds not
// minutes. Baseline: one `SELECT 1` round trip on the same store. Writes bench/results/digest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { digestWithChart } from "../src/chat/digest-view.js";
import { ManualClock } from "../src/core/clock.js";
import { digestOf } from "../src/core/digest.js";
import type { Database } from "../src/store/database.js";
import { benchStores, counting, median, p99, QUICK } from "./stores.js";

const APPLICATIONS = 10_000;
const ENROLLMENTS = 2_000;
const ROUNDS = Number(process.env.BENCH_DIGEST_ROUNDS ?? (QUICK ? 5 : 15));
/** Monday 5 April 2027, 09:00 UTC: checkpoint 1 is past due, checkpoint 2 open. */
const NOW = "2027-04-05T09:00:00Z";

/**
 * One program, one running full-time term of 4 checkpoints, 100 projects with a prerequisite each, 10,000
 * applications (2,000 accepted and enrolled, 5,000 pending with their prerequisite's task in every state, 500
 * of them sent this week, 3,000 declined), each enrollment with two plan items (one done) and its four
 * checkpoints; half evaluated at checkpoint 1, a quarter self-reported; 400 stipend payments waiting for
 * approval and 200 approved long ago and unpaid.
 */
export async function seedDigest(db: Database, applications = APPLICATIONS, enrollments = ENROLLMENTS) {
  const pending = Math.floor(applications / 2);
  // 400 waiting for approval and 200 approved of 2,000 enrollments; as many in proportion to fewer.
  const toApprove = Math.floor(enrollments / 5);
  const payments = Math.floor((enrollments * 3) / 10);
  const sentThisWeek = Math.min(500, pending);
  await db.sql.exec(`
    INSERT INTO "Program" (id, slug, name, "timeZone", "onboardingSteps", "stipendCountryPercent", "digestSchedule",
        "createdAt")
      VALUES ('prog', 'bench', 'Bench', 'UTC', '{}', '{}', '0 9 * * 1', now());
    INSERT INTO "Term" (id, "programId", name, kind, "applicationsOpenAt", "applicationsCloseAt", "selectionAt",
        "startAt", "endAt", "applicationsState", "createdAt")
      VALUES ('term', 'prog', 't', 'full_time', '2027-01-11', '2027-02-08', '2027-02-22', '2027-03-01', '2027-05-24',
        'closed', now());
    INSERT INTO "Checkpoint" (id, "termId", number, name, "opensAt", "dueAt", "stipendPercent", "isFinal")
      SELECT 'cp' || k, 'term', k, 'Checkpoint ' || k, timestamp '2027-03-01' + (k * 3 - 1) * interval '1 week',
          timestamp '2027-03-01' + k * 3 * interval '1 week', CASE WHEN k IN (2, 4) THEN 50 ELSE 0 END, k = 4
        FROM generate_series(1, 4) k;
    INSERT INTO "Project" (id, "termId", slug, name, description, skills, slots, "stipendBaseCents", currency,
        "adjustByCountry", "createdAt")
      SELECT 'pr' || k, 'term', 'p' || k, 'Project ' || k, 'd', '{}', 1000, 300000, 'USD', false, now()
        FROM generate_series(1, 100) k;
    INSERT INTO "Prerequisite" (id, "projectId", position, name, "dueAt", "evidenceRequired")
      SELECT 'pq' || k, 'pr' || k, 1, 'First contribution', '2027-02-08', true FROM generate_series(1, 100) k;
    INSERT INTO "Person" (id, "displayName", "timeZone", "createdAt")
      SELECT 'mentor' || k, 'Mentor ' || k, 'Europe/Berlin', now() FROM generate_series(1, 100) k;
    INSERT INTO "ProjectMentor" ("projectId", "personId", status, "requestedAt")
      SELECT 'pr' || k, 'mentor' || k, 'approved', now() FROM generate_series(1, 100) k;
    INSERT INTO "Person" (id, "displayName", "timeZone", "createdAt")
      SELECT 'm' || k, 'Mentee ' || k, 'America/New_York', now() FROM generate_series(1, ${applications}) k;
    INSERT INTO "Application" (id, "projectId", "termId", "menteeId", status, motivation, experience, links,
        availability, "createdAt")
      SELECT 'a' || k, 'pr' || (1 + k % 100), 'term', 'm' || k,
          (CASE WHEN k <= ${enrollments} THEN 'accepted' WHEN k <= ${enrollments + pending} THEN 'pending'
            ELSE 'declined' END)::"ApplicationStatus",
          'm', 'e', '{}', 'full_time',
          CASE WHEN k > ${enrollments + pending - sentThisWeek} AND k <= ${enrollments + pending}
            THEN timestamp '${NOW}' - interval '2 days' ELSE timestamp '2027-01-20' END
        FROM generate_series(1, ${applications}) k;
    INSERT INTO "ApplicationTask" (id, "applicationId", "prerequisiteId", status)
      SELECT 't' || k, 'a' || k, 'pq' || (1 + k % 100),
          (ARRAY['pending', 'in_progress', 'submitted', 'completed'])[1 + k % 4]::"TaskStatus"
        FROM generate_series(${enrollments + 1}, ${enrollments + pending}) k;
    INSERT INTO "Enrollment" (id, "applicationId", "termId", "projectId", "menteeId", status, "stipendCents", currency,
        "endAt", "activatedAt", "createdAt")
      SELECT 'e' || k, 'a' || k, 'term', 'pr' || (1 + k % 100), 'm' || k, 'active', 300000, 'USD', '2027-05-24',
          '2027-03-01', now()
        FROM generate_series(1, ${enrollments}) k;
    INSERT INTO "EnrollmentCheckpoint" ("enrollmentId", "checkpointId", "opensAt", "dueAt", "graceEndsAt")
      SELECT 'e' || k, c.id, c."opensAt", c."dueAt", c."dueAt" + interval '7 days'
        FROM generate_series(1, ${enrollments}) k CROSS JOIN "Checkpoint" c WHERE c."termId" = 'term';
    INSERT INTO "PlanItem" (id, "enrollmentId", position, kind, title, "dueAt", "doneAt")
      SELECT 'pi' || k || '-' || p, 'e' || k, p, 'milestone', 'Milestone ' || p,
          timestamp '2027-03-01' + p * interval '3 weeks', CASE WHEN p = 1 THEN timestamp '2027-03-10' END
        FROM generate_series(1, ${enrollments}) k CROSS JOIN generate_series(1, 2) p;
    INSERT INTO "Evaluation" (id, "enrollmentId", "checkpointId", "mentorId", "ratingTasks", "ratingEngagement",
        "ratingProgress", "lastContactOn", report, outcome, "submittedAt", "updatedAt")
      SELECT 'ev' || k, 'e' || k, 'cp1', 'mentor' || (1 + k % 100), 4, 4, 4, '2027-03-20', 'Good.',
          (CASE WHEN k % 10 = 0 THEN 'extend' ELSE 'pass' END)::"EvaluationOutcome", '2027-03-21', '2027-03-21'
        FROM generate_series(1, ${enrollments}) k WHERE k % 2 = 0;
    INSERT INTO "SelfReport" (id, "enrollmentId", "checkpointId", hours, support, progress, "submittedAt")
      SELECT 'sr' || k, 'e' || k, 'cp1', 20, 'enough', 'on track', '2027-03-20'
        FROM generate_series(1, ${enrollments}) k WHERE k % 4 = 0;
    INSERT INTO "StipendPayment" (id, "enrollmentId", "checkpointId", "amountCents", currency, status, "decidedAt",
        "createdAt")
      SELECT 'sp' || k, 'e' || k, 'cp1', 150000, 'USD',
          (CASE WHEN k <= ${toApprove} THEN 'pending_approval' ELSE 'approved' END)::"PaymentStatus",
          CASE WHEN k > ${toApprove} THEN timestamp '2027-03-01' END, '2027-03-22'
        FROM generate_series(1, ${payments}) k;
    ANALYZE;`);
}

export interface DigestFigures {
  store: string;
  applications: number;
  enrollments: number;
  seedMs: number;
  firstMs: number;
  /** Core and rendering together, over ROUNDS warm rounds. */
  medianMs: number;
  p99Ms: number;
  /** The core's part (queries and facts) and the rendering's (message and chart). */
  coreMedianMs: number;
  renderMedianMs: number;
  statements: number;
  /** What the digest said: at-risk mentees, overdue evaluations, ready applications (proof it did the work). */
  atRisk: number;
  overdue: number;
  ready: number;
  /** Baseline: one `SELECT 1` through the same client. */
  selectOneMs: number;
}

async function benchOne(store: { name: string; open(): Promise<Database> }): Promise<DigestFigures> {
  const db = await store.open();
  try {
    const seedStarted = performance.now();
    await seedDigest(db);
    const seedMs = performance.now() - seedStarted;
    const clock = new ManualClock(NOW);
    const { core, statements } = counting(db, clock);
    const program = await db.prisma.program.findUniqueOrThrow({ where: { id: "prog" } });
    const once = async () => {
      const started = performance.now();
      const facts = await digestOf(core, program);
      const built = performance.now();
      await digestWithChart(facts, clock.now(), program.timeZone);
      const ended = performance.now();
      return { facts, coreMs: built - started, renderMs: ended - built, totalMs: ended - started };
    };
    const before = statements();
    const first = await once();
    const perDigest = statements() - before;
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await once());
    const ones: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await db.prisma.$queryRawUnsafe("SELECT 1");
      ones.push(performance.now() - started);
    }
    return {
      store: store.name,
      applications: APPLICATIONS,
      enrollments: ENROLLMENTS,
      seedMs,
      firstMs: first.totalMs,
      medianMs: median(rounds.map((r) => r.totalMs)),
      p99Ms: p99(rounds.map((r) => r.totalMs)),
      coreMedianMs: median(rounds.map((r) => r.coreMs)),
      renderMedianMs: median(rounds.map((r) => r.renderMs)),
      statements: perDigest,
      atRisk: first.facts.atRisk.length,
      overdue: first.facts.overdue.length,
      ready: first.facts.ready.length,
      selectOneMs: median(ones),
    };
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const digests: DigestFigures[] = [];
  for (const store of await benchStores()) {
    digests.push(await benchOne(store));
    process.stderr.write(`digest ${store.name}: ${JSON.stringify(digests.at(-1))}\n`);
  }
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const output = { at: new Date().toISOString(), node: process.version, rounds: ROUNDS, quick: QUICK, digests };
  writeFileSync(new URL("./results/digest.json", import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
  const ms = (v: number) => `${Math.round(v)} ms`;
  process.stdout.write(
    [
      `| Digest, ${APPLICATIONS.toLocaleString("en")} applications, ${ENROLLMENTS.toLocaleString("en")} enrollments ` +
        `| first | median / p99 of ${ROUNDS} | core / rendering (median) | statements | baseline \`SELECT 1\` |`,
      "|---|---:|---:|---:|---:|---:|",
      ...digests.map(
        (d) =>
          `| ${d.store} | ${ms(d.firstMs)} | ${ms(d.medianMs)} / ${ms(d.p99Ms)} ` +
          `| ${ms(d.coreMedianMs)} / ${ms(d.renderMedianMs)} | ${d.statements} | ${d.selectOneMs.toFixed(1)} ms |`,
      ),
    ].join("\n") + "\n",
  );
}
