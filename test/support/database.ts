// A fresh, migrated database for one test file or test: PGlite in memory from
// the snapshot global-setup made, or a new PostgreSQL database copied from its
// template when DATABASE_URL names a server (CI runs the *.db.test.ts files
// both ways).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { databaseOnPGlite, openDatabase, startPGliteWorker, type Database } from "../../src/store/database.js";
import { adminQuery, withDatabase } from "./global-setup.js";

/** On PostgreSQL, `url` lets other processes open the same database. */
export type TestDatabase = Database & { url?: string };

/**
 * A migrated database, empty. Booting a database and its Prisma client costs about a second, so a test
 * file keeps one (on PGlite, so do the next files of the same worker) and each test after the first gets
 * it emptied (every table truncated, a few milliseconds); `close()` hands it back. A test that really
 * closed or broke it (an outage test) gets a new one next time; test/support/setup.ts closes the last one.
 */
export async function testDatabase(): Promise<TestDatabase> {
  if (shared && !(await shared.ping())) {
    await shared.close().catch(() => {});
    shared = undefined;
  }
  if (!shared) shared = await newDatabase(true);
  else await emptyAll(shared);
  const db = shared;
  return { ...db, close: async () => {} };
}

let shared: TestDatabase | undefined;

/** A database of the test's own, not the file's shared one: for a second store, or one the test closes. */
export async function separateTestDatabase(): Promise<TestDatabase> {
  return newDatabase(true);
}

/** Closes the file's shared database (after its last test). */
export async function closeSharedDatabase(): Promise<void> {
  await shared?.close();
  shared = undefined;
}

async function emptyAll(db: Database): Promise<void> {
  const tables = await db.sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (db.kind === "postgresql") {
    await db.sql.exec(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(", ")} CASCADE`);
    return;
  }
  // PGlite, one session: a TRUNCATE makes new files for every table and index (about 30 ms in WebAssembly);
  // deleting the few rows a test wrote takes 2 ms. Foreign keys are not checked while emptying everything
  // (SET LOCAL: only inside this transaction).
  const deletes = tables.map((t) => `DELETE FROM "${t.name}";`).join(" ");
  await db.sql.exec(`BEGIN; SET LOCAL session_replication_role = replica; ${deletes} COMMIT;`);
}

/** A database with no tables at all (for testing the migrations themselves). */
export async function emptyTestDatabase(): Promise<Database> {
  return newDatabase(false);
}

async function newDatabase(migrated: boolean): Promise<TestDatabase> {
  const template = inject("postgresTemplate");
  if (template) {
    const [serverUrl = "", templateName = ""] = template.split("#");
    const name = `mentorship_test_${randomBytes(6).toString("hex")}`;
    if (migrated) await createFromTemplate(serverUrl, name, templateName);
    else await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    const url = withDatabase(serverUrl, name);
    const db = await openDatabase({ databaseUrl: url, dataDir: "" }, { migrate: false });
    return {
      ...db,
      url,
      close: async () => {
        await db.close();
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
      },
    };
  }
  const snapshot = readFileSync(inject(migrated ? "pgliteSnapshot" : "pgliteEmptySnapshot"));
  // Planning dominates the scheduler's sweeps (joins of seven or eight tables of a few rows) and PGlite
  // plans in WebAssembly: joining in the order written gives the same rows in a third less time.
  const setup = migrated ? "SET join_collapse_limit = 1; SET from_collapse_limit = 1" : undefined;
  return databaseOnPGlite(await startPGliteWorker({ snapshot, ...(setup ? { setup } : {}) }));
}

/** Workers copying the template at the same moment can collide; they retry. */
async function createFromTemplate(serverUrl: string, name: string, templateName: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${templateName}`);
      return;
    } catch (error) {
      if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export const onPostgres = (): boolean => inject("postgresTemplate") !== "";
