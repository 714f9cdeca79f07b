// A mentor's view of an application no longer pending: its submitted tasks are shown, but offer no Verify or
// Send back, and a button pressed from an older list is refused with why, before any form opens.
import { expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { actionRequest } from "../../src/chat/requests.js";
import type { MessageView, View } from "../../src/chat/views.js";
import { decline, declineUndecidedAtStart } from "../../src/core/applications.js";
import { setApplicationsState } from "../../src/core/programs.js";
import { chatWorld } from "../support/chat-world.js";
import { bobAppliesToKernelDocs, TERM_START } from "../support/world.js";

const t = chatWorld();
const linus = consoleIdentity("linus");
const buttonsOf = (views: View[]) =>
  (views as MessageView[]).flatMap((v) => [
    ...(v.buttons ?? []),
    ...(v.sections ?? []).flatMap((s) => s.buttons ?? []),
  ]);

it("offers Verify and Send back on a pending application's submitted task only", async () => {
  const { w, chat, db } = t;
  const pending = await chat.command(linus, "applications kernel-docs");
  expect(buttonsOf(pending).map((b) => b.action)).toEqual(["task.complete", "task.send-back"]);

  w.clock.set("2027-02-09T10:00:00Z");
  await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
  await decline(w.core, w.as.administrator, w.ids.application, "Another applicant fits better.");
  const declined = await chat.command(linus, "applications kernel-docs");
  expect(JSON.stringify(declined)).toContain('Task \\"Docs patch\\": submitted');
  expect(buttonsOf(declined)).toEqual([]);

  // The buttons of the list shown before the decline, pressed now: refused, and no form to fill in first.
  for (const action of ["task.complete", "task.send-back"]) {
    const [refusal] = (await chat.handle(linus, actionRequest(action, w.ids.task))) as MessageView[];
    expect(refusal).toMatchObject({ type: "message", tone: "error" });
    expect(refusal?.text).toContain("ada's application to Kernel docs is declined");
    expect(refusal?.text).toContain("its prerequisite tasks are closed");
  }
  const task = await db.prisma.applicationTask.findUniqueOrThrow({ where: { id: w.ids.task } });
  expect(task).toMatchObject({ status: "submitted", completedAt: null });
});

it("offers neither on an application declined as not selected when its term started", async () => {
  const { w, chat } = t;
  const { task } = await bobAppliesToKernelDocs(w);
  w.clock.set(TERM_START);
  expect(await declineUndecidedAtStart(w.core)).toBeGreaterThan(0);
  const listed = await chat.command(linus, "applications kernel-docs declined");
  expect(JSON.stringify(listed)).toContain("bob → Kernel docs: declined");
  expect(buttonsOf(listed)).toEqual([]);
  const [refusal] = (await chat.handle(linus, actionRequest("task.complete", task.id))) as MessageView[];
  expect(refusal?.text).toMatch(/^bob's application to Kernel docs is declined \(.*\): .*nothing was verified\.$/);
});
