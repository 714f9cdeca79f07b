// `/mentorship status` shows the mentee's stipend schedule: each stipend checkpoint, its expected evaluation
// date in the program's zone, the amount, and where its payment stands.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import type { MessageView } from "../../src/chat/views.js";
import { submitEvaluation } from "../../src/core/evaluations.js";
import { decidePayment, markPaid } from "../../src/core/stipends.js";
import { createLogger } from "../../src/log.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { buildWorld, enrollAda, evaluation, insideWindow, passCheckpoints, type World } from "../support/world.js";

let db: Database;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  await enrollAda(w);
  // The mentee reads her enrollment once the selection is announced (22 Feb).
  w.clock.set("2027-02-22T10:00:00Z");
  // The program's zone is not ada's (UTC): the expected dates are the program's.
  await db.prisma.program.update({ where: { id: w.ids.program }, data: { timeZone: "Asia/Kolkata" } });
});
afterEach(async () => {
  await db.close();
});

async function schedule(): Promise<string[]> {
  const [view] = (await new Chat(w.core, createLogger("silent")).command(consoleIdentity("ada"), "status")) as [
    MessageView,
  ];
  return view.sections?.find((s) => s.heading === "Stipend payments")?.lines ?? [];
}

describe("the stipend schedule in a mentee's status", () => {
  it("lists each stipend checkpoint with its expected date in the program's zone, amount and state", async () => {
    expect(await schedule()).toEqual([
      "Midterm evaluation: 1500.00 USD, evaluation expected Mon 12 Apr 2027, 05:30 (Asia/Kolkata) " +
        "— waiting for the evaluation",
      "Final evaluation: 1500.00 USD, evaluation expected Mon 24 May 2027, 05:30 (Asia/Kolkata) " +
        "— waiting for the evaluation",
    ]);
    await passCheckpoints(w, 2);
    expect((await schedule())[0]).toBe(
      "Midterm evaluation: 1500.00 USD, evaluation expected Mon 12 Apr 2027, 05:30 (Asia/Kolkata) " +
        "— evaluation passed, pending an administrator's approval since Fri 9 Apr 2027, 00:00 (UTC)",
    );
    const payment = await db.prisma.stipendPayment.findFirstOrThrow();
    await decidePayment(w.core, w.as.administrator, payment.id, { approve: true });
    expect((await schedule())[0]).toMatch(/— approved Fri 9 Apr 2027, 00:00 \(UTC\), waiting for finance to pay it$/);
    await markPaid(w.core, w.as.administrator, payment.id, "WIRE-42");
    expect((await schedule())[0]).toMatch(/— paid Fri 9 Apr 2027, 00:00 \(UTC\), reference WIRE-42$/);
  });

  it("moves an expected date with an extension, and says when a payment was declined or will not come", async () => {
    await passCheckpoints(w, 1);
    w.clock.set(insideWindow(2));
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2, "extend", 2));
    expect((await schedule())[0]).toContain("evaluation expected Mon 26 Apr 2027, 05:30 (Asia/Kolkata)");
    w.clock.set(insideWindow(2, 2));
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(2));
    const payment = await db.prisma.stipendPayment.findFirstOrThrow();
    await decidePayment(w.core, w.as.administrator, payment.id, { approve: false, reason: "Paid twice already." });
    w.clock.set(insideWindow(3, 2));
    await submitEvaluation(w.core, w.as.mentor, "@ada", evaluation(3, "fail"));
    expect(await schedule()).toEqual([
      expect.stringMatching(/^Midterm evaluation: .* — declined: Paid twice already\.$/),
      expect.stringMatching(/^Final evaluation: 1500\.00 USD, .* — not paid: the enrollment ended \(failed\)$/),
    ]);
  });
});
