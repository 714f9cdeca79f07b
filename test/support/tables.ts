// Every row of every table in the public schema, as sorted JSON text: two snapshots are equal exactly
// when nothing was inserted, changed or deleted in between (a refused request wrote nothing).
import type { SqlExecutor } from "../../src/store/migrations.js";

export type TableSnapshot = Record<string, string[]>;

export async function tableSnapshot(sql: SqlExecutor): Promise<TableSnapshot> {
  const tables = await sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const snapshot: TableSnapshot = {};
  for (const { name } of tables) {
    const rows = await sql.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${name}" t ORDER BY 1`);
    snapshot[name] = rows.map((r) => r.row);
  }
  return snapshot;
}

/** Tables whose rows differ, with the rows only one side has (for a readable failure). */
export function tableChanges(
  before: TableSnapshot,
  after: TableSnapshot,
): Record<string, { gone: string[]; added: string[] }> {
  const changes: Record<string, { gone: string[]; added: string[] }> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[name] ?? []);
    const is = new Set(after[name] ?? []);
    const gone = [...was].filter((row) => !is.has(row));
    const added = [...is].filter((row) => !was.has(row));
    if (gone.length || added.length) changes[name] = { gone: gone.slice(0, 3), added: added.slice(0, 3) };
  }
  return changes;
}
