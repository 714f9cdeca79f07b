// A mentee's `/mentorship status` of an enrollment that has ended: how it ended, when (in their zone), and the
// reason the enrollment records (the export's end_reason and ended_at), not only its status.
import { expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import type { MessageView } from "../../src/chat/views.js";
import { endEnrollmentEarly } from "../../src/core/enrollments.js";
import { submitEvaluation } from "../../src/core/evaluations.js";
import { chatWorld } from "../support/chat-world.js";
import { enrollAda, evaluation, insideWindow } from "../support/world.js";

// ada is enrolled, and on 10 Mar her enrollment is about to end.
const t = chatWorld(async ({ w }) => {
  await enrollAda(w);
  w.clock.set("2027-03-10T09:30:00Z");
});

/** The lines of ada's enrollment section in her status. */
async function enrollmentLines(): Promise<string[]> {
  const [view] = (await t.chat.command(consoleIdentity("ada"), "status")) as MessageView[];
  const section = view?.sections?.find((s) => s.heading?.startsWith("Enrollment in"));
  return [section?.heading ?? "", ...(section?.lines ?? [])];
}

it("says an enrollment ended at the mentee's request was ended by an administrator, when, and why", async () => {
  await endEnrollmentEarly(t.w.core, t.w.as.administrator, "@ada", "mentee_request", "A full-time job");
  const lines = await enrollmentLines();
  expect(lines[0]).toBe("Enrollment in Kernel docs: withdrawn");
  expect(lines).toContain(
    "Ended by an administrator on Wed 10 Mar 2027, 09:30 (UTC), at your request: A full-time job.",
  );
  expect(lines.some((l) => l.startsWith("Was to end "))).toBe(true);
});

it("says an enrollment ended for non-performance was, when, and why", async () => {
  await endEnrollmentEarly(t.w.core, t.w.as.administrator, "@ada", "non_performance", "No contact for a month.");
  expect(await enrollmentLines()).toContain(
    "Ended by an administrator on Wed 10 Mar 2027, 09:30 (UTC), for non-performance: No contact for a month.",
  );
});

it("says a failed enrollment failed, when, and the rule that failed it", async () => {
  t.w.clock.set(insideWindow(1));
  await submitEvaluation(t.w.core, t.w.as.mentor, "@ada", evaluation(1, "fail"));
  const lines = await enrollmentLines();
  expect(lines[0]).toBe("Enrollment in Kernel docs: failed");
  expect(lines.find((l) => l.startsWith("Failed on "))).toMatch(
    /^Failed on \w{3} \d+ \w{3} 2027, \d\d:\d\d \(UTC\): The first evaluation did not pass\.$/,
  );
});
