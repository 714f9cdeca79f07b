// Applications still pending when their term starts: the sweep declines them as not selected, once, tells each
// applicant and each administrator once, and the digest lists them for the week after.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { digestView } from "../../src/chat/digest-view.js";
import { notificationView } from "../../src/chat/notifications.js";
import { accept, NOT_SELECTED_REASON } from "../../src/core/applications.js";
import { programDigest } from "../../src/core/digest.js";
import type { OutboxPayload } from "../../src/core/notifications.js";
import { sweep } from "../../src/scheduler/sweeps.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { acceptAda, buildWorld, TERM_START, type World } from "../support/world.js";

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
});
afterEach(async () => {
  await db.close();
});

const options = { escalateAfterHours: 48 };
const application = (id: string) => db.prisma.application.findUniqueOrThrow({ where: { id } });
const told = async (kind: string) => {
  const messages = await db.prisma.outboxMessage.findMany({ where: { kind }, orderBy: { personId: "asc" } });
  return messages.map((m) => ({
    personId: m.personId,
    text: (() => {
      const payload = m.payload as OutboxPayload;
      return "event" in payload ? notificationView(payload.event, { zone: "UTC", platform: "console" }).text : "";
    })(),
  }));
};

describe("applications pending when their term starts", () => {
  it("are declined as not selected once: applicant and administrators told once, the digest lists them", async () => {
    await acceptAda(w);
    // The day before the term starts, bob's application may still be decided.
    w.clock.set(new Date(TERM_START.getTime() - 60_000));
    expect((await sweep(w.core, options)).notSelectedAtStart).toBe(0);
    expect((await application(w.ids.otherApplication)).status).toBe("pending");

    w.clock.set(new Date(TERM_START.getTime() + 3 * 3_600_000));
    expect((await sweep(w.core, options)).notSelectedAtStart).toBe(1);
    const bob = await application(w.ids.otherApplication);
    expect(bob).toMatchObject({ status: "declined", declineReason: NOT_SELECTED_REASON, decidedById: null });
    expect(bob.decidedAt).toEqual(TERM_START);
    // Ada's acceptance stands.
    expect((await application(w.ids.application)).status).toBe("accepted");

    // A second sweep (or a second replica) changes nothing and sends nothing more.
    expect((await sweep(w.core, options)).notSelectedAtStart).toBe(0);
    expect(await told("application_declined")).toEqual([
      {
        personId: w.as.otherMentee.personId,
        text:
          "Your application to K8s ops (2027-spring) was not accepted. Reason: Not selected: the term " +
          "started without a decision on this application.",
      },
    ]);
    const administrators = await db.prisma.programAdministrator.findMany({ where: { programId: w.ids.program } });
    const toAdministrators = await told("applications_not_selected");
    expect(toAdministrators.map((m) => m.personId).sort()).toEqual(administrators.map((a) => a.personId).sort());
    expect(toAdministrators[0]?.text).toContain(
      "lfx/2027-spring started Mon 1 Mar 2027, 00:00 (UTC) with 1 application still pending: declined as not " +
        "selected, and each applicant was told. `/mentorship admin export applications lfx declined` lists them.",
    );
    const audits = await db.prisma.auditLog.count({ where: { action: "application.declined", entityId: bob.id } });
    expect(audits).toBe(1);

    const digest = digestView(await programDigest(w.core, w.as.administrator, "lfx"), w.clock.now(), "UTC");
    const section = digest.sections?.find((s) => s.heading?.startsWith("Not selected when their term started"));
    expect(section?.lines).toEqual(["bob — K8s ops (2027-spring): declined, the applicant was told"]);

    // Too late to accept: the decision is taken.
    await expect(accept(w.core, w.as.administrator, bob.id)).rejects.toThrow("declined already");
  });
});
