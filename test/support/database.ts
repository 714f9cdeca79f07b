// A fresh, migrated database for one test file or test: PGlite in memory from
// the snapshot global-setup made, or a new PostgreSQL database copied from its
// template when DATABASE_URL names a server (CI runs the *.db.test.ts files
// both ways).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { databaseOnPGlite, openDatabase, type Database } from "../../src/store/database.js";
import { adminQuery, withDatabase } from "./global-setup.js";

/** On PostgreSQL, `url` lets other processes open the same database. */
export type TestDatabase = Database & { url?: string };

export async function testDatabase(): Promise<TestDatabase> {
  return newDatabase(true);
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
  const pglite = migrated ? new PGlite({ loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]) }) : new PGlite();
  await pglite.waitReady;
  return databaseOnPGlite(pglite);
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
