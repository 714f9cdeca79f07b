import { checkpointsToEdit, editCheckpoint } from "../../../core/programs.js";
import { parseLocal } from "../../../core/time.js";
import { defineCommand } from "../../command-tree.js";
import { formatDate } from "../../format.js";
import { z } from "zod";
import { buildForm, defineForm, field, integer, localDate, text, yesNo } from "../../forms.js";
import { success, termView } from "../common.js";

const checkpointForm = defineForm({
  id: "checkpoint-edit",
  title: "Change a checkpoint",
  submitLabel: "Save",
  fields: {
    name: field("Name", "text", text("Name", 80)),
    opensAt: field("Opens (date)", "date", localDate("Opens")),
    dueAt: field("Due (date)", "date", localDate("Due")),
    stipendPercent: field(
      "Stipend paid after it (percent of the mentee's stipend)",
      "number",
      integer("Stipend percent", 0, 100),
    ),
    remove: field(
      "Remove this checkpoint instead?",
      "yesno",
      z.preprocess((v) => (v === "" || v === undefined ? "no" : v), yesNo("Remove")),
      { initial: "no" },
    ),
  },
  present: async (ctx, context) => {
    const [ref = "", number = ""] = context.split("#");
    const { term, checkpoints } = await checkpointsToEdit(ctx.core, ctx.actor, ref);
    const current = checkpoints.find((c) => c.number === Number(number));
    const zone = term.program.timeZone;
    return {
      name: { initial: current?.name ?? "Extra evaluation" },
      opensAt: { label: `Opens (date, ${zone})`, initial: current ? formatDate(current.opensAt, zone) : undefined },
      dueAt: { label: `Due (date, ${zone})`, initial: current ? formatDate(current.dueAt, zone) : undefined },
      stipendPercent: { initial: String(current?.stipendPercent ?? 0) },
    };
  },
  submit: async (ctx, values, context) => {
    const [ref = "", number = ""] = context.split("#");
    const { term } = await checkpointsToEdit(ctx.core, ctx.actor, ref);
    const zone = term.program.timeZone;
    await editCheckpoint(
      ctx.core,
      ctx.actor,
      ref,
      Number(number),
      values.remove
        ? "remove"
        : {
            name: values.name,
            opensAt: parseLocal(values.opensAt, zone),
            dueAt: parseLocal(values.dueAt, zone),
            stipendPercent: values.stipendPercent,
          },
    );
    return [success("Checkpoints saved."), await termView(ctx, ref)];
  },
});

defineCommand({
  path: ["term", "checkpoint"],
  form: checkpointForm,
  summary: "Change, add (next number) or remove a checkpoint of a term before it starts.",
  audience: "administrator",
  args: [
    { name: "term", description: "program/term", required: true, choices: "term" },
    { name: "number", description: "the checkpoint's number", required: true },
  ],
  run: async (ctx, args) => {
    const { term } = await checkpointsToEdit(ctx.core, ctx.actor, args.term);
    return [await buildForm(ctx, checkpointForm.id, `${term.program.slug}/${term.name}#${Number(args.number) || 0}`)];
  },
});
