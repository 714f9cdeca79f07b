// Migrates one database before the test files run, so that each file starts
// from a copy instead of migrating again: a PGlite snapshot file, or, when
// DATABASE_URL names a PostgreSQL server, a template database.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/store/database.js";
import { applyMigrations, type SqlSession } from "../../src/store/migrations.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgliteEmptySnapshot: string;
    postgresTemplate: string;
    /** Whether each test file has a worker of its own (vitest's `isolate`; vitest.config.ts turns it off). */
    isolatedFiles: boolean;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = mkdtempSync(path.join(tmpdir(), "mentorship-test-"));
  // In this process, not on a worker: only here do the snapshots come from (dumpDataDir).
  const pglite = new PGlite();
  const db = { sql: sessionOn(pglite), close: () => pglite.close() };
  // Before the migrations too: what initdb made, for the tests of the migrations themselves (initdb in
  // WebAssembly takes seconds; unpacking this, a fraction of one).
  await pglite.waitReady;
  const empty = path.join(folder, "empty.tar");
  writeFileSync(empty, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  project.provide("pgliteEmptySnapshot", empty);
  await applyMigrations(db.sql);
  // Uncompressed: every PGlite a test opens unpacks it, and the snapshot stays on this machine.
  const snapshot = path.join(folder, "migrated.tar");
  writeFileSync(snapshot, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  await db.close();
  project.provide("pgliteSnapshot", snapshot);
  project.provide("isolatedFiles", project.config.isolate);

  const serverUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
  let template = "";
  if (serverUrl) {
    template = `mentorship_template_${process.pid}`;
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${template}`);
    await adminQuery(serverUrl, `CREATE DATABASE ${template}`);
    const templateDb = await openDatabase({ databaseUrl: withDatabase(serverUrl, template), dataDir: folder });
    await templateDb.close();
  }
  project.provide("postgresTemplate", template ? `${serverUrl}#${template}` : "");

  return async () => {
    if (serverUrl) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${template}`);
    rmSync(folder, { recursive: true, force: true });
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Plain SQL on a PGlite of this process (the migrations that make the snapshot). */
function sessionOn(pglite: PGlite): SqlSession {
  return {
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
}
