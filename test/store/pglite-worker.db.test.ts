// The embedded PGlite on its worker thread, reached over its Unix socket: one session that connections take
// in turns, a transaction never left open by a connection that broke, data kept in its directory across
// restarts, and errors of a stopped worker read as an outage. (A second process on the same directory is
// refused: test/lifecycle/process.test.ts.)
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { databaseOnPGlite, openDatabase, startPGliteWorker, type PGliteWorker } from "../../src/store/database.js";
import { isDatabaseUnavailable } from "../../src/store/outage.js";

const connect = async (worker: PGliteWorker) => {
  const client = new pg.Client({ host: path.dirname(worker.socketPath), user: "postgres", database: "postgres" });
  client.on("error", () => {});
  await client.connect();
  return client;
};

describe("the embedded PGlite's worker", () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("serves one connection at a time: the next waits until the one in a transaction has closed", async () => {
    const worker = await startPGliteWorker({});
    try {
      // Only its owner may enter the socket's directory: the socket asks for no password.
      expect(statSync(path.dirname(worker.socketPath)).mode & 0o077).toBe(0);
      const first = await connect(worker);
      await first.query("CREATE TABLE t (n int)");
      await first.query("BEGIN");
      await first.query("INSERT INTO t VALUES (1)");
      let secondConnected = false;
      const second = connect(worker).then((client) => {
        secondConnected = true;
        return client;
      });
      await first.query("INSERT INTO t VALUES (2)");
      // Still inside the first one's transaction: the second has not been let in.
      expect(secondConnected).toBe(false);
      await first.query("COMMIT");
      await first.end();
      const client = await second;
      expect((await client.query("SELECT count(*)::int AS n FROM t")).rows).toEqual([{ n: 2 }]);
      await client.end();
    } finally {
      await worker.stop();
    }
  });

  it("rolls back the transaction of a connection that broke, so the next one starts clean", async () => {
    const worker = await startPGliteWorker({});
    try {
      const first = await connect(worker);
      await first.query("CREATE TABLE t (n int)");
      await first.query("BEGIN");
      await first.query("INSERT INTO t VALUES (1)");
      // The connection is cut without COMMIT or ROLLBACK.
      (first as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      const next = await connect(worker);
      expect((await next.query("SELECT count(*)::int AS n FROM t")).rows).toEqual([{ n: 0 }]);
      // Not inside the broken one's transaction: BEGIN would warn, and this COMMIT-free write is kept.
      await next.query("INSERT INTO t VALUES (3)");
      expect((await next.query("SELECT count(*)::int AS n FROM t")).rows).toEqual([{ n: 1 }]);
      await next.end();
    } finally {
      await worker.stop();
    }
  });

  it("keeps the data in its directory across restarts", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "mentorship-worker-test-"));
    folders.push(dataDir);
    const db = await openDatabase({ dataDir });
    try {
      await db.prisma.program.create({ data: { slug: "lfx", name: "LFX" } });
    } finally {
      await db.close();
    }
    const again = await openDatabase({ dataDir });
    try {
      expect((await again.prisma.program.findMany()).map((p) => p.slug)).toEqual(["lfx"]);
    } finally {
      await again.close();
    }
  });

  it("answers with an outage, not a bug, once the worker has stopped", async () => {
    const worker = await startPGliteWorker({});
    const db = databaseOnPGlite(worker);
    try {
      expect(await db.ping()).toBe(true);
      await worker.stop();
      const error = await db.sql.query("SELECT 1").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(await db.ping()).toBe(false);
    } finally {
      await db.close();
    }
  });
});
