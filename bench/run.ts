// `npm run bench`: times whole terms driven through the console, on PGlite
// and (when reachable) on PostgreSQL, against a baseline measured in the same
// run: the console's floor, a `/mentorship help` round trip. Writes
// bench/results/latest.json and prints the table the README quotes.
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { ManualClock } from "../src/core/clock.js";
import { openDatabase, type Database } from "../src/store/database.js";
import { consoleSession } from "../test/support/console.js";
import { runWholeTerm, SCENARIO_START } from "../test/scenarios/whole-term.js";
import { Script } from "../test/support/script.js";
import { QUICK } from "./stores.js";

const POSTGRES = process.env.BENCH_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/test";
const REPEAT = Number(process.env.BENCH_REPEAT ?? (QUICK ? 1 : 3));

interface Store {
  name: string;
  open(): Promise<Database>;
}

const pglite: Store = {
  name: "PGlite (embedded)",
  open: () => openDatabase({ databaseUrl: "memory://", dataDir: "" }),
};

async function postgres(): Promise<Store | undefined> {
  const admin = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.end();
  } catch {
    return undefined;
  }
  return {
    name: "PostgreSQL 127.0.0.1",
    open: async () => {
      const name = `mentorship_bench_${randomBytes(4).toString("hex")}`;
      const client = new pg.Client({ connectionString: POSTGRES });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = new URL(POSTGRES);
      url.pathname = `/${name}`;
      const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
      return {
        ...db,
        close: async () => {
          await db.close();
          const drop = new pg.Client({ connectionString: POSTGRES });
          await drop.connect();
          await drop.query(`DROP DATABASE IF EXISTS ${name}`);
          await drop.end();
        },
      };
    },
  };
}

async function wholeTerm(store: Store, kind: "full_time" | "part_time") {
  const db = await store.open();
  const clock = new ManualClock(SCENARIO_START);
  const session = await consoleSession(db, { clock });
  try {
    return await runWholeTerm(new Script(session), clock, db, kind);
  } finally {
    await session.close();
    await db.close();
  }
}

/** The console's floor: one command round trip that reads the person and renders help. */
async function helpRoundTrip(store: Store, times: number): Promise<number> {
  const db = await store.open();
  const session = await consoleSession(db);
  try {
    await session.send("/mentorship help");
    const started = performance.now();
    for (let i = 0; i < times; i++) await session.send("/mentorship help");
    return (performance.now() - started) / times;
  } finally {
    await session.close();
    await db.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;

const results: Record<string, Record<string, number>> = {};
const stores = [pglite, ...[await postgres()].filter((s): s is Store => s !== undefined)];
for (const store of stores) {
  const row: Record<string, number> = {};
  row.fullTimeFirstRunMs = (await wholeTerm(store, "full_time")).elapsedMs;
  const full: number[] = [];
  const part: number[] = [];
  let lines = 0;
  for (let i = 0; i < REPEAT; i++) {
    const f = await wholeTerm(store, "full_time");
    full.push(f.elapsedMs);
    lines = f.views;
    part.push((await wholeTerm(store, "part_time")).elapsedMs);
  }
  row.fullTimeMedianMs = median(full);
  row.partTimeMedianMs = median(part);
  row.linesPerTerm = lines;
  row.helpRoundTripMs = await helpRoundTrip(store, 200);
  results[store.name] = row;
  process.stderr.write(`${store.name}: ${JSON.stringify(row)}\n`);
}
const memory = process.memoryUsage();
const output = {
  at: new Date().toISOString(),
  node: process.version,
  repeat: REPEAT,
  results,
  rssMiB: Math.round(memory.rss / 2 ** 20),
  heapUsedMiB: Math.round(memory.heapUsed / 2 ** 20),
};
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/latest.json", import.meta.url), `${JSON.stringify(output, null, 2)}\n`);

const names = Object.keys(results);
const table = [
  `| Measurement | ${names.join(" | ")} |`,
  `|---|${names.map(() => "---:").join("|")}|`,
  `| Whole full-time term via the console, first run in the process | ` +
    `${names.map((n) => ms(results[n]!.fullTimeFirstRunMs!)).join(" | ")} |`,
  `| Whole full-time term via the console, median of ${REPEAT} | ` +
    `${names.map((n) => ms(results[n]!.fullTimeMedianMs!)).join(" | ")} |`,
  `| Whole part-time term via the console, median of ${REPEAT} | ` +
    `${names.map((n) => ms(results[n]!.partTimeMedianMs!)).join(" | ")} |`,
  `| Baseline: one \`/mentorship help\` round trip | ` +
    `${names.map((n) => `${results[n]!.helpRoundTripMs!.toFixed(1)} ms`).join(" | ")} |`,
  `| Term cost in baseline round trips (full-time median ÷ baseline) | ` +
    `${names.map((n) => Math.round(results[n]!.fullTimeMedianMs! / results[n]!.helpRoundTripMs!)).join(" | ")} |`,
];
process.stdout.write(
  `${table.join("\n")}\n\nEach term prints ${results[names[0]!]!.linesPerTerm} lines. ` +
    `Process memory after the runs: RSS ${output.rssMiB} MiB, heap ${output.heapUsedMiB} MiB.\n`,
);
