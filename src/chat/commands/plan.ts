import { addPlanItem, markPlanItemDone, myEnrollment, planOf, type EnrollmentView } from "../../core/enrollments.js";
import { parseLocal } from "../../core/time.js";
import { defineAction } from "../actions.js";
import { defineCommand } from "../command-tree.js";
import type { ChatContext } from "../context.js";
import { buildForm, defineForm, field, localDate, text } from "../forms.js";
import type { MessageView } from "../views.js";
import { awaitingSelection, info, planItemKind, success, when } from "./common.js";
import { decisionHeld } from "../../core/rules/timeline.js";

function planView(ctx: ChatContext, e: EnrollmentView, mine: boolean): MessageView {
  const canEdit = e.status === "active";
  return info(`${mine ? "Your plan" : `Plan of ${e.mentee.displayName}`} — ${e.project.name}`, {
    text:
      `${e.planItems.filter((i) => i.doneAt).length}/${e.planItems.length} done. Enrollment: ${e.status}.` +
      (canEdit
        ? ""
        : e.status === "onboarding"
          ? " The plan is editable once onboarding is done and the enrollment is active."
          : " The enrollment has ended, so its plan stays as it is."),
    sections: e.planItems.map((i) => ({
      heading: `${i.doneAt ? "✓" : "○"} ${i.kind === "milestone" ? "Milestone" : "Task"}: ${i.title}`,
      lines: [`Due ${when(ctx, i.dueAt)}${i.doneAt ? `, done ${when(ctx, i.doneAt)}` : ""}`],
      buttons: !i.doneAt && canEdit ? [{ label: "Mark done", action: "plan.done", value: i.id }] : [],
    })),
    buttons: canEdit ? [{ label: "Add an item", action: "plan.add", value: e.id }] : [],
  });
}

defineCommand({
  path: ["plan"],
  summary: "Your plan (mentee), or a mentee's plan (their mentor): milestones and tasks, mark done, add.",
  audience: "mentee",
  args: [
    { name: "mentee", description: "whose plan (mentors and administrators)", required: false, choices: "mentee" },
  ],
  run: async (ctx, args) => {
    if (args.mentee) return [planView(ctx, await planOf(ctx.core, ctx.actor, args.mentee), false)];
    const enrollment = await myEnrollment(ctx.core, ctx.actor);
    if (!enrollment) return [info("Your plan", { text: "You are not enrolled in a project yet." })];
    if (decisionHeld(enrollment.project.term, ctx.core.clock.now()))
      return [info("Your plan", awaitingSelection(ctx, enrollment))];
    return [planView(ctx, enrollment, true)];
  },
});

defineAction({
  id: "plan.done",
  run: async (ctx, itemId) => {
    const { item, letter } = await markPlanItemDone(ctx.core, ctx.actor, itemId);
    return [
      success(
        `"${item.title}" is done.` +
          `${letter ? ` Everything is complete: the Letter of Completion is issued (code ${letter.code}).` : ""}`,
      ),
    ];
  },
});

const planItemForm = defineForm({
  id: "plan-add",
  title: "Add to the plan",
  submitLabel: "Add",
  fields: {
    kind: planItemKind(),
    title: field("Title", "text", text("Title", 200), { maxLength: 200 }),
    dueAt: field("Due (date, your time zone)", "date", localDate("Due")),
  },
  submit: async (ctx, v, enrollmentId) => {
    await addPlanItem(ctx.core, ctx.actor, enrollmentId, {
      kind: v.kind,
      title: v.title,
      dueAt: parseLocal(v.dueAt, ctx.actor.timeZone),
    });
    return [success(`"${v.title}" is added to the plan.`)];
  },
});

defineAction({
  id: "plan.add",
  form: planItemForm,
  run: async (ctx, enrollmentId) => [await buildForm(ctx, planItemForm.id, enrollmentId)],
});
