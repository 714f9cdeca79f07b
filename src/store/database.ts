// Opens the store: embedded PGlite (a directory, or memory://) or PostgreSQL,
// behind one Prisma client. Everything above this file sees only `Database`.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { applyMigrations, type SqlSession } from "./migrations.js";
import { acquireDirectoryLock } from "./directory-lock.js";

export type StoreKind = "pglite" | "postgresql";

export interface Database {
  readonly kind: StoreKind;
  readonly prisma: PrismaClient;
  /** Runs plain SQL outside Prisma (migrations, health checks). */
  readonly sql: SqlSession;
  /** Answers true when a trivial query succeeds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreLocation {
  /** `postgresql://…`, `memory://`, or undefined for PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
}

export async function openDatabase(where: StoreLocation, options: { migrate?: boolean } = {}): Promise<Database> {
  const db = where.databaseUrl?.startsWith("postgres")
    ? openPostgres(where.databaseUrl)
    : await openPGlite(where.databaseUrl === "memory://" ? undefined : where.dataDir);
  if (options.migrate !== false) {
    try {
      await applyMigrations(db.sql);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = (): void => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite is one process per directory; a second one would corrupt it.
    releaseLock = acquireDirectoryLock(dataDir);
  }
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  return databaseOnPGlite(pglite, releaseLock);
}

/** Wraps an open PGlite (tests start one from a migrated snapshot). */
export function databaseOnPGlite(pglite: PGlite, releaseLock = (): void => {}): Database {
  const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
  const sql: SqlSession = {
    exec: async (text) => {
      await pglite.exec(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows,
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          exec: async (text) => {
            await tx.exec(text);
          },
          query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
        }),
      ),
  };
  return {
    kind: "pglite",
    prisma,
    sql,
    ping: () => ping(sql),
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
      releaseLock();
    },
  };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql: SqlSession = {
    exec: async (text) => {
      await pool.query(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({
          exec: async (text) => {
            await client.query(text);
          },
          query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: "postgresql",
    prisma,
    sql,
    ping: () => ping(sql),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function ping(sql: SqlSession): Promise<boolean> {
  try {
    await sql.query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/**
 * pglite-prisma-adapter 0.6 is typed against an older copy of Prisma's
 * adapter interface; the shape is the same at run time (the test suite runs
 * every query through it), so only the type needs bridging.
 */
export function pgliteAdapter(pglite: PGlite): SqlDriverAdapterFactory {
  return new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory;
}
