// One bot replica for the replicas test: `node --import tsx test/support/replica.ts`
// with DATABASE_URL (PostgreSQL) and PLATFORM_URL (the test's fake platform).
// It dispatches direct messages until none is left, as the scheduler would.
import { systemClock } from "../../src/core/clock.js";
import type { Core } from "../../src/core/context.js";
import { dispatch, type Sender } from "../../src/scheduler/dispatcher.js";
import { openDatabase } from "../../src/store/database.js";

const platform = process.env.PLATFORM_URL!;
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: "" });
const core: Core = { db, clock: systemClock, operators: new Set() };
const sender: Sender = {
  platform: "slack",
  // Inside the 2 s lease the test gives, as the real senders are inside theirs.
  timeoutMs: 1_000,
  send: async (message) => {
    const response = await fetch(`${platform}/messages`, {
      method: "POST",
      body: JSON.stringify({ id: message.id, to: message.target, by: process.pid }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  },
  // Like Slack's message metadata: the platform can say whether it has the message.
  alreadyDelivered: async (message) => (await fetch(`${platform}/messages/${message.id}`)).status === 200,
};
for (;;) {
  const result = await dispatch(core, sender, 50, Number(process.env.LEASE_MS ?? 2000));
  if (result.delivered + result.retrying + result.dead > 0) continue;
  if ((await db.prisma.outboxMessage.count({ where: { status: "pending" } })) === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await db.close();
