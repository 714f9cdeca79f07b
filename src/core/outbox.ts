// Delivering outbox messages (direct messages) to people on one platform.
// Claiming uses FOR UPDATE SKIP LOCKED, so concurrent deliverers never take
// the same message, and the delivery is recorded with the message's status.
import type { Platform, Prisma } from "../generated/prisma/client.js";
import type { Core } from "./context.js";

export interface OutgoingMessage {
  id: string;
  kind: string;
  /** The recipient's id on the platform. */
  target: string;
  payload: { text: string; buttons: { label: string; action: string; value: string; style?: "primary" | "danger" }[] };
}

/**
 * Hands due messages for people on `platform` to `send`, marking each
 * delivered in the same transaction. Returns how many were delivered.
 */
export async function deliverDirectMessages(core: Core, platform: Platform, send: (message: OutgoingMessage) => Promise<void> | void, limit = 100): Promise<number> {
  const now = core.clock.now();
  return core.db.prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; kind: string; target: string; payload: Prisma.JsonValue }[]>`
      SELECT o.id, o.kind, i."externalId" AS target, o.payload
        FROM "OutboxMessage" o
        JOIN "Identity" i ON i."personId" = o."personId" AND i.platform = ${platform}::"Platform"
       WHERE o.status = 'pending' AND o."notBefore" <= ${now}
       ORDER BY o."createdAt", o.id
       LIMIT ${limit}
         FOR UPDATE OF o SKIP LOCKED`;
    if (due.length === 0) return 0;
    for (const message of due) await send({ ...message, payload: message.payload as unknown as OutgoingMessage["payload"] });
    await tx.outboxMessage.updateMany({ where: { id: { in: due.map((m) => m.id) } }, data: { status: "delivered", deliveredAt: now, attempts: { increment: 1 } } });
    await tx.reminderDelivery.createMany({ data: due.map((m) => ({ outboxMessageId: m.id, platform, target: m.target, deliveredAt: now })) });
    return due.length;
  });
}
