// Three bot processes on one PostgreSQL database deliver 10,000 due messages;
// one is killed with SIGKILL midway. Every message reaches the platform
// exactly once: counted in the platform's log and in the delivery records.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onPostgres, testDatabase, type TestDatabase } from "../support/database.js";

const MESSAGES = 10_000;
let db: TestDatabase;
beforeEach(async () => {
  db = await testDatabase();
});
afterEach(async () => {
  await db.close();
});

describe("several replicas", () => {
  it.skipIf(!onPostgres())(
    "deliver every message exactly once, even when one is killed midway",
    async () => {
      await db.sql.exec(`
      INSERT INTO "Person" (id, "displayName", "timeZone", "createdAt")
        SELECT 'p' || n, 'person ' || n, 'UTC', now() FROM generate_series(1, 100) n;
      INSERT INTO "Identity" (id, "personId", platform, "externalId", "createdAt")
        SELECT 'i' || n, 'p' || n, 'slack', 'U' || n, now() FROM generate_series(1, 100) n;
      INSERT INTO "OutboxMessage" (id, "idempotencyKey", kind, "personId", payload, status, attempts, "notBefore",
          "createdAt")
        SELECT 'm' || n, 'replica-test:' || n, 'test', 'p' || (1 + n % 100), '{"text":"hello","buttons":[]}',
            'pending', 0, now() - interval '1 minute', now()
          FROM generate_series(1, ${MESSAGES}) n;`);

      // The platform: records every message it accepts, answers whether it has one.
      // It keeps one answer to the second replica back, so that replica is
      // killed in the middle of a batch: Discord or Slack has the message, the
      // outbox does not know yet, and the rest of its batch is claimed.
      const received: { id: string; by: number }[] = [];
      const have = new Set<string>();
      let held = false;
      const platform = createServer(async (req, res) => {
        if (req.method === "GET") {
          res.statusCode = have.has(req.url!.split("/").at(-1)!) ? 200 : 404;
          res.end();
          return;
        }
        let body = "";
        for await (const chunk of req) body += chunk;
        const message = JSON.parse(body) as { id: string; by: number };
        received.push(message);
        have.add(message.id);
        if (!held && message.by === replicas[1]!.pid && received.filter((m) => m.by === message.by).length >= 500) {
          held = true;
          return;
        }
        res.end("{}");
      });
      await new Promise<void>((resolve) => platform.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;

      const replicas = [1, 2, 3].map(() =>
        spawn(process.execPath, ["--import", "tsx", "test/support/replica.ts"], {
          env: { ...process.env, DATABASE_URL: db.url!, PLATFORM_URL: url, LEASE_MS: "2000" },
          stdio: ["ignore", "ignore", "inherit"],
        }),
      );
      const exits = replicas.map(
        (child) => new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code))),
      );
      while (!held) await new Promise((resolve) => setTimeout(resolve, 20));
      replicas[1]!.kill("SIGKILL");
      const codes = await Promise.all(exits);
      platform.closeAllConnections();
      platform.close();

      expect(codes).toEqual([0, null, 0]);
      const ids = received.map((m) => m.id);
      expect(new Set(ids).size).toBe(MESSAGES); // none missing
      expect(ids.length).toBe(MESSAGES); // none twice
      expect(new Set(received.map((m) => m.by)).size).toBe(3); // all three took part
      const [counts] = await db.sql.query<{ delivered: string; records: string }>(
        `SELECT (SELECT count(*) FROM "OutboxMessage" WHERE status = 'delivered') AS delivered,
          (SELECT count(*) FROM "ReminderDelivery") AS records`,
      );
      expect(counts).toEqual({ delivered: String(MESSAGES), records: String(MESSAGES) });
      // The killed replica held claimed messages; the others took them over after the lease
      // (and skipped the one the platform already had).
      const [takenOver] = await db.sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM "OutboxMessage" WHERE attempts > 1`,
      );
      expect(Number(takenOver!.n)).toBeGreaterThan(0);
    },
    300_000,
  );
});
