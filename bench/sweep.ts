// `npm run bench:sweep`: scheduler sweeps over 10,000 and 100,000 active
// enrollments (4 checkpoints each), on PGlite and PostgreSQL: the first (a
// catch-up that enqueues everything), the repeat a minute later (which reads
// only what came due since) and the hourly catch-up (every window read whole,
// nothing new); time per sweep and statements per sweep (which must not grow
// with the enrollments); and
// the dispatcher's throughput to a local fake platform against the platform
// alone (the baseline, measured in the same run). Each store is measured in a
// process of its own, so the resident memory after PostgreSQL's sweeps holds no
// PGlite heap left over from the run before it. Writes bench/results/sweep.json.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ManualClock } from "../src/core/clock.js";
import type { Core } from "../src/core/context.js";
import { dispatch } from "../src/scheduler/dispatcher.js";
import { sweep } from "../src/scheduler/sweeps.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { counting, QUICK } from "./stores.js";

const POSTGRES = process.env.BENCH_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/test";
const SIZES = (process.env.BENCH_SWEEP_SIZES ?? (QUICK ? "10000" : "10000,100000")).split(",").map(Number);
const DISPATCHED = QUICK ? 1_000 : 2_000;

/**
 * This process's resident memory, in MiB. PGlite's worker is a thread of this process: its WebAssembly heap
 * is in this figure (Node 20 cannot report a worker's heap apart); on PostgreSQL the server's memory is not.
 */
const rssMiB = () => process.memoryUsage().rss / 2 ** 20;

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

interface BenchDatabase {
  db: Database;
  /** Runs the seed: on PostgreSQL on a connection of its own, without the pool's 10 s statement timeout. */
  seed(sql: string): Promise<void>;
  drop(): Promise<void>;
}

async function openStore(kind: "PGlite" | "PostgreSQL"): Promise<BenchDatabase> {
  if (kind === "PGlite") {
    const db = await openDatabase({ databaseUrl: "memory://", dataDir: "" });
    return { db, seed: (sql) => db.sql.exec(sql), drop: () => db.close() };
  }
  const name = `mentorship_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string, connectionString = POSTGRES) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
  return {
    db,
    seed: (sql) => admin(sql, url.toString()),
    drop: async () => (await db.close(), await admin(`DROP DATABASE IF EXISTS ${name}`)),
  };
}

/** n active enrollments in one full-time term, each with 4 checkpoints, the first one open now. */
async function seed(store: BenchDatabase, n: number): Promise<void> {
  await store.seed(`
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
    INSERT INTO "Person" (id, "displayName", "timeZone", "createdAt")
      SELECT 'mentor' || k, 'Mentor ' || k, 'Europe/Berlin', now() FROM generate_series(1, 100) k;
    INSERT INTO "ProjectMentor" ("projectId", "personId", status, "requestedAt")
      SELECT 'pr' || k, 'mentor' || k, 'approved', now() FROM generate_series(1, 100) k;
    INSERT INTO "Person" (id, "displayName", "timeZone", "createdAt")
      SELECT 'm' || k, 'Mentee ' || k, 'America/New_York', now() FROM generate_series(1, ${n}) k;
    INSERT INTO "Application" (id, "projectId", "termId", "menteeId", status, motivation, experience, links,
        availability, "createdAt")
      SELECT 'a' || k, 'pr' || (1 + k % 100), 'term', 'm' || k, 'accepted', 'm', 'e', '{}', 'full_time', now()
        FROM generate_series(1, ${n}) k;
    INSERT INTO "Enrollment" (id, "applicationId", "termId", "projectId", "menteeId", status, "stipendCents", currency,
        "endAt", "createdAt")
      SELECT 'e' || k, 'a' || k, 'term', 'pr' || (1 + k % 100), 'm' || k, 'active', 300000, 'USD', '2027-05-24', now()
        FROM generate_series(1, ${n}) k;
    INSERT INTO "EnrollmentCheckpoint" ("enrollmentId", "checkpointId", "opensAt", "dueAt", "graceEndsAt")
      SELECT 'e' || k, c.id, c."opensAt", c."dueAt", c."dueAt" + interval '7 days'
        FROM generate_series(1, ${n}) k CROSS JOIN "Checkpoint" c;
    ANALYZE;`);
}

async function benchSweep(kind: "PGlite" | "PostgreSQL", n: number) {
  const store = await openStore(kind);
  const { db, drop } = store;
  const openedRssMiB = rssMiB();
  try {
    const seedStarted = performance.now();
    await seed(store, n);
    const seedMs = performance.now() - seedStarted;
    // Inside checkpoint 1's window, 10:00 UTC: every enrollment has an evaluation and a self-report due.
    const clock = new ManualClock("2027-03-17T10:00:00Z");
    const { core, statements } = counting(db, clock);
    const first = performance.now();
    const enqueued = await sweep(core, { escalateAfterHours: 48 });
    const firstMs = performance.now() - first;
    const firstStatements = statements();
    // A second sweep a minute later finds everything already enqueued.
    clock.advance(60_000);
    const second = performance.now();
    await sweep(core, { escalateAfterHours: 48 });
    const secondMs = performance.now() - second;
    // The hourly catch-up reads every window whole again and finds everything enqueued.
    clock.advance(60 * 60_000);
    const catchUp = performance.now();
    await sweep(core, { escalateAfterHours: 48 });
    const catchUpMs = performance.now() - catchUp;
    const afterSweepRssMiB = rssMiB();
    const total = Object.values(enqueued).reduce((a, b) => a + b, 0);
    return {
      kind,
      enrollments: n,
      checkpoints: n * 4,
      seedMs,
      firstSweepMs: firstMs,
      repeatSweepMs: secondMs,
      catchUpSweepMs: catchUpMs,
      statementsPerSweep: firstStatements,
      enqueued: total,
      /** Resident memory with the store open and empty, and after seeding and both sweeps; the peak so far. */
      openedRssMiB,
      afterSweepRssMiB,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await drop();
  }
}

/** A platform that answers every request with `{}` at once; prints its port. */
const FAKE_PLATFORM = `
  const server = require("node:http").createServer((req, res) => { req.resume(); req.on("end", () => res.end("{}")); });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;

async function benchDispatch(kind: "PGlite" | "PostgreSQL") {
  const { db, drop } = await openStore(kind);
  // The platform is another process, as Slack is: its work is not the dispatcher's main thread's.
  const platform = spawn(process.execPath, ["-e", FAKE_PLATFORM], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) => platform.stdout.once("data", (d) => resolve(String(d).trim())));
  const url = `http://127.0.0.1:${port}/`;
  const post = (id: string) => fetch(url, { method: "POST", body: JSON.stringify({ id }) }).then((r) => r.text());
  try {
    await db.sql.exec(`
      INSERT INTO "Person" (id, "displayName", "timeZone", "createdAt")
        SELECT 'p' || k, 'P', 'UTC', now() FROM generate_series(1, 100) k;
      INSERT INTO "Identity" (id, "personId", platform, "externalId", "createdAt")
        SELECT 'i' || k, 'p' || k, 'slack', 'U' || k, now() FROM generate_series(1, 100) k;
      INSERT INTO "OutboxMessage" (id, "idempotencyKey", kind, "personId", payload, status, attempts, "notBefore",
          "createdAt")
        SELECT 'o' || k, 'bench:' || k, 'bench', 'p' || (1 + k % 100), '{"text":"x","buttons":[]}', 'pending', 0,
            timestamp '2027-01-01', now()
          FROM generate_series(1, ${DISPATCHED}) k;`);
    // The baseline: the same requests, one at a time, with no database between them.
    const baselineStarted = performance.now();
    for (let i = 0; i < DISPATCHED; i++) await post(`baseline-${i}`);
    const baselineMs = performance.now() - baselineStarted;
    const core: Core = { db, clock: new ManualClock("2027-03-01T00:00:00Z"), operators: new Set() };
    const started = performance.now();
    let delivered = 0;
    for (;;) {
      const result = await dispatch(core, { platform: "slack", send: async (m) => void (await post(m.id)) });
      if (result.delivered === 0) break;
      delivered += result.delivered;
    }
    const ms = performance.now() - started;
    return {
      kind,
      messages: delivered,
      perSecond: (delivered / ms) * 1000,
      platformAlonePerSecond: (DISPATCHED / baselineMs) * 1000,
    };
  } finally {
    platform.kill();
    await drop();
  }
}

type Kind = "PGlite" | "PostgreSQL";
type Measured = {
  sweeps: Awaited<ReturnType<typeof benchSweep>>[];
  dispatch: Awaited<ReturnType<typeof benchDispatch>>;
};

/** One store's measurements, in a process of its own: a store's memory is not counted in the next one's. */
function measureApart(kind: Kind): Measured {
  const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_SWEEP_STORE: kind },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 2 ** 24,
  });
  if (run.status !== 0) throw new Error(`the ${kind} sweeps failed (exit ${run.status})`);
  return JSON.parse(String(run.stdout));
}

const apart = process.env.BENCH_SWEEP_STORE as Kind | undefined;
if (apart) {
  const sweeps = [];
  for (const n of SIZES) sweeps.push(await benchSweep(apart, n));
  const measured: Measured = { sweeps, dispatch: await benchDispatch(apart) };
  process.stdout.write(JSON.stringify(measured));
  process.exit(0);
}
const kinds: Kind[] = ["PGlite", ...((await postgresAvailable()) ? (["PostgreSQL"] as const) : [])];
const measured = kinds.map(measureApart);
const sweeps = measured.flatMap((m) => m.sweeps);
const dispatches = measured.map((m) => m.dispatch);
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("./results/sweep.json", import.meta.url),
  `${JSON.stringify({ at: new Date().toISOString(), quick: QUICK, sweeps, dispatches }, null, 2)}\n`,
);

const ms = (v: number) => `${Math.round(v)} ms`;
const lines = [
  "| Store | Enrollments (checkpoints) | First sweep (enqueues) | Repeat sweep (nothing new) " +
    "| Hourly catch-up (nothing new) | Statements per sweep | RSS open / after sweeps |",
  "|---|---:|---:|---:|---:|---:|---:|",
  ...sweeps.map(
    (s) =>
      `| ${s.kind} | ${s.enrollments.toLocaleString("en")} (${s.checkpoints.toLocaleString("en")}) ` +
      `| ${ms(s.firstSweepMs)} (${s.enqueued.toLocaleString("en")}) | ${ms(s.repeatSweepMs)} ` +
      `| ${ms(s.catchUpSweepMs)} | ${s.statementsPerSweep} ` +
      `| ${Math.round(s.openedRssMiB)} / ${Math.round(s.afterSweepRssMiB)} MiB |`,
  ),
  "",
  "| Store | Dispatcher to a local fake platform | Baseline: the platform alone, same requests |",
  "|---|---:|---:|",
  ...dispatches.map(
    (d) => `| ${d.kind} | ${Math.round(d.perSecond)} messages/s | ${Math.round(d.platformAlonePerSecond)} requests/s |`,
  ),
];
process.stdout.write(`${lines.join("\n")}\n`);
