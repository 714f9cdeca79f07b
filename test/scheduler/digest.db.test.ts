// The administrators' digest: its content, on demand and on its schedule in
// the program's time zone, posted once to the chosen channel.
import { deliveredView } from "../../src/chat/notifications.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { digestView } from "../../src/chat/digest-view.js";
import { programDigest } from "../../src/core/digest.js";
import { Refusal } from "../../src/core/errors.js";
import { setDigestChannel } from "../../src/core/programs.js";
import { dispatch, type OutgoingMessage } from "../../src/scheduler/dispatcher.js";
import { enqueueDigests } from "../../src/scheduler/sweeps.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { buildWorld, DAY, dueOf, enrollAda, passCheckpoints, type World } from "../support/world.js";

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

describe("the digest", () => {
  it("shows what needs the administrators, with buttons for payments to approve", async () => {
    await enrollAda(w);
    await passCheckpoints(w, 2);
    // Checkpoint 3 is overdue, and ada sent no self-report.
    w.clock.set(new Date(dueOf(3).getTime() + DAY));
    await db.prisma.outboxMessage.create({
      data: {
        idempotencyKey: "x",
        kind: "eval-due",
        programId: w.ids.program,
        payload: {},
        notBefore: w.clock.now(),
        status: "dead",
        lastError: "HTTP 500",
      },
    });
    const view = digestView(await programDigest(w.core, w.as.administrator, "lfx"), w.clock.now(), "UTC");
    const text = JSON.stringify(view);
    expect(text).toContain("Overdue evaluations (1)");
    expect(text).toContain("ada — Kernel docs: Third evaluation");
    expect(text).toContain("Stipend payments to approve (1)");
    expect(text).toContain("Mentees at risk (1)");
    expect(text).toContain("an overdue evaluation");
    expect(text).toContain("an overdue self-report");
    expect(text).toContain("Messages that could not be delivered (1)");
    expect(view.sections?.flatMap((s) => s.buttons ?? []).map((b) => b.label)).toEqual(["Approve", "Decline"]);
    await expect(programDigest(w.core, w.as.mentor, "lfx")).rejects.toBeInstanceOf(Refusal);
  });

  it("is posted once to the chosen channel when its schedule comes due in the program's time zone", async () => {
    await db.prisma.program.update({ where: { id: w.ids.program }, data: { timeZone: "America/New_York" } });
    await setDigestChannel(w.core, w.as.administrator, "lfx", "mentors");
    // Monday 15 March 2027, 09:00 in New York (EDT) is 13:00 UTC.
    w.clock.set("2027-03-15T12:59:00Z");
    expect(await enqueueDigests(w.core)).toBe(0);
    w.clock.set("2027-03-15T13:00:00Z");
    expect(await enqueueDigests(w.core)).toBe(1);
    w.clock.set("2027-03-15T14:00:00Z");
    expect(await enqueueDigests(w.core)).toBe(0);
    const posted: OutgoingMessage[] = [];
    await dispatch(w.core, { platform: "console", send: async (m) => void posted.push(m) });
    const digest = posted.find((m) => m.kind === "digest");
    expect(digest).toMatchObject({ target: "mentors", toChannel: true });
    expect(digest && deliveredView(digest, "console").title).toBe("Digest — LFX");
    // Read in the program's zone: Monday 15 March 2027, 09:00 in New York.
    expect(digest && deliveredView(digest, "console").text).toBe("As of Mon 15 Mar 2027, 09:00 (America/New_York).");
    // Next week's comes the next Monday.
    w.clock.set("2027-03-22T13:00:00Z");
    expect(await enqueueDigests(w.core)).toBe(1);
  });
});
