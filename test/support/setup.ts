// Runs in every test file: the file's shared test database is closed after its last test.
import { afterAll } from "vitest";
import { closeSharedDatabase } from "./database.js";

afterAll(async () => {
  await closeSharedDatabase();
});
