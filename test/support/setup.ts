// Runs in every test file: the file's shared test database is closed after its last test, unless the next
// file can have it. On PostgreSQL each file's database is dropped. PGlite lives in memory: when files share a
// worker (vitest.config.ts: isolate: false), the worker's files use one instance, emptied before each test
// (test/support/database.ts), and it ends with the worker.
import { afterAll, inject } from "vitest";
import { closeSharedDatabase, onPostgres } from "./database.js";

afterAll(async () => {
  if (onPostgres() || inject("isolatedFiles")) await closeSharedDatabase();
});
