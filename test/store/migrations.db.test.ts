import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import {
  applyMigrations,
  MigrationChecksumError,
  readMigrations,
  type SqlExecutor,
} from "../../src/store/migrations.js";
import { emptyTestDatabase } from "../support/database.js";

/** Everything about the tables that a migration could get wrong. */
async function catalog(sql: SqlExecutor) {
  const columns = await sql.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
  );
  const indexes = await sql.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
  );
  const constraints = await sql.query(
    `SELECT c.conrelid::regclass::text AS on_table, c.conname, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.contype <> 'n' AND c.conrelid::regclass::text NOT LIKE '%_prisma_migrations%'
      ORDER BY c.conname`,
  );
  const enums = await sql.query(
    `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      ORDER BY t.typname, e.enumsortorder`,
  );
  return { columns, indexes, constraints, enums };
}

describe("migrations", () => {
  let fromMigrations: Database;
  let fromSchema: Database;

  beforeAll(async () => {
    [fromMigrations, fromSchema] = await Promise.all([emptyTestDatabase(), emptyTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([fromMigrations?.close(), fromSchema?.close()]);
  });

  it("build the same tables, indexes, constraints and enums as the current schema", async () => {
    const schemaSql = execFileSync(
      "node_modules/.bin/prisma",
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
    expect(schemaSql).toContain("CREATE TABLE");
    await applyMigrations(fromMigrations.sql);
    await fromSchema.sql.exec(schemaSql);
    const [migrated, expected] = await Promise.all([catalog(fromMigrations.sql), catalog(fromSchema.sql)]);
    expect(migrated.columns.length).toBeGreaterThan(100);
    expect(migrated).toEqual(expected);
  }, 90_000);

  it("are recorded in Prisma's format and applied only once", async () => {
    const again = await applyMigrations(fromMigrations.sql);
    expect(again).toEqual([]);
    const rows = await fromMigrations.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at !== null)).toBe(true);
  });

  it("run in order, each in its own transaction, and stop at a failing one", async () => {
    const db = await emptyTestDatabase();
    try {
      const folder = mkdtempSync(path.join(tmpdir(), "migrations-"));
      const write = (name: string, sql: string) => {
        mkdirSync(path.join(folder, name));
        writeFileSync(path.join(folder, name, "migration.sql"), sql);
      };
      write("2_second", `INSERT INTO "note" VALUES ('second');`);
      write("1_first", `CREATE TABLE "note" (text TEXT); INSERT INTO "note" VALUES ('first');`);
      write("3_broken", `INSERT INTO "note" VALUES ('third'); SELECT no_such_function();`);
      await expect(applyMigrations(db.sql, readMigrations(folder))).rejects.toThrow(/no_such_function/);
      expect(await db.sql.query(`SELECT text FROM "note"`)).toEqual([{ text: "first" }, { text: "second" }]);
      const names = await db.sql.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`,
      );
      expect(names.map((r) => r.migration_name)).toEqual(["1_first", "2_second"]);

      // An applied migration edited afterwards is refused, not silently skipped.
      write("0_edited_check", "SELECT 1;");
      const edited = readMigrations(folder)
        .filter((m) => m.name !== "3_broken")
        .map((m) => (m.name === "1_first" ? { ...m, checksum: "0".repeat(64) } : m));
      await expect(applyMigrations(db.sql, edited)).rejects.toBeInstanceOf(MigrationChecksumError);
    } finally {
      await db.close();
    }
  });

  it("applied by several sessions at once run exactly once", async () => {
    const db = await emptyTestDatabase();
    try {
      const results = await Promise.all([applyMigrations(db.sql), applyMigrations(db.sql), applyMigrations(db.sql)]);
      expect(results.flat().sort()).toEqual(readMigrations().map((m) => m.name));
    } finally {
      await db.close();
    }
  });
});
