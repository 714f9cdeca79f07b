// The stores every benchmark runs on: PGlite in memory, and PostgreSQL when BENCH_POSTGRES_URL (or the
// default local server) answers, each open() on a database of its own that close() drops.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { ManualClock } from "../src/core/clock.js";
import type { Core } from "../src/core/context.js";
import type { PrismaClient } from "../src/generated/prisma/client.js";
import { openDatabase, type Database } from "../src/store/database.js";

export const POSTGRES = process.env.BENCH_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/test";

export interface BenchStore {
  name: string;
  open(): Promise<Database>;
}

export const pgliteStore: BenchStore = {
  name: "PGlite",
  open: () => openDatabase({ databaseUrl: "memory://", dataDir: "" }),
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the PostgreSQL server, for a benchmark's own use. */
export async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mentorship_bench_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name}`) };
}

export const postgresStore: BenchStore = {
  name: "PostgreSQL",
  open: async () => {
    const database = await postgresDatabase();
    const db = await openDatabase({ databaseUrl: database.url, dataDir: "" });
    return {
      ...db,
      close: async () => {
        await db.close();
        await database.drop();
      },
    };
  },
};

/** PGlite, and PostgreSQL when its server answers. */
export async function benchStores(): Promise<BenchStore[]> {
  try {
    await admin("SELECT 1");
    return [pgliteStore, postgresStore];
  } catch {
    process.stderr.write(`PostgreSQL at ${POSTGRES} does not answer: PGlite only.\n`);
    return [pgliteStore];
  }
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
export const median = (values: number[]): number => sorted(values)[Math.floor(values.length / 2)] ?? Number.NaN;
export const p99 = (values: number[]): number =>
  sorted(values)[Math.min(values.length - 1, Math.ceil(values.length * 0.99) - 1)] ?? Number.NaN;

/** BENCH_QUICK=1: fewer rounds and 10,000 enrollments instead of 100,000, so that `npm run bench` takes minutes. */
export const QUICK = process.env.BENCH_QUICK === "1";

/** A Core whose client counts every statement it sends. */
export function counting(db: Database, clock: ManualClock): { core: Core; statements: () => number } {
  return countingCore({ db, clock, operators: new Set() });
}

/**
 * `core` with a client that counts every statement it sends (one per Prisma operation: with relationJoins an
 * include is joined into its query, not sent apart).
 */
export function countingCore(core: Core): { core: Core; statements: () => number } {
  let statements = 0;
  const prisma = core.db.prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        statements++;
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
  return { core: { ...core, db: { ...core.db, prisma } }, statements: () => statements };
}
