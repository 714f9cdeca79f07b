import { PGlite } from "@electric-sql/pglite";
import { applyMigrations } from "./src/store/migrations.ts";
let t = Date.now();
const a = new PGlite(); await a.waitReady; console.log("boot", Date.now() - t); t = Date.now();
const sql = { exec: async (s: string) => { await a.exec(s); }, query: async (s: string, p: unknown[] = []) => (await a.query(s, p)).rows as any, transaction: (fn: any) => a.transaction((tx) => fn({ exec: async (s: string) => { await tx.exec(s); }, query: async (s: string, p: unknown[] = []) => (await tx.query(s, p)).rows })) };
await applyMigrations(sql as any); console.log("migrate", Date.now() - t); t = Date.now();
const dump = await a.dumpDataDir("none"); console.log("dump", Date.now() - t, dump.size); t = Date.now();
const b = new PGlite({ loadDataDir: dump }); await b.waitReady; console.log("load", Date.now() - t);
console.log((await b.query('select count(*) from "_prisma_migrations"')).rows);
