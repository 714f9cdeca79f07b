import { z } from "zod";
import { checkpointsToEdit, editCheckpoint, termCheckpoints } from "../../../core/programs.js";
import { parseLocal } from "../../../core/time.js";
import { defineCommand } from "../../command-tree.js";
import { formatDate } from "../../format.js";
import { buildForm, defineForm, integer, localDate, optionalText, text } from "../../forms.js";
import { field, optional, success, termView } from "../common.js";

const checkpointForm = defineForm({
  id: "checkpoint-edit",
  title: "Change a checkpoint",
  submitLabel: "Save",
  fields: async (ctx, context) => {
    const [ref = "", number = ""] = context.split("#");
    const { term, checkpoints } = await termCheckpoints(ctx.core, ref);
    const current = checkpoints.find((c) => c.number === Number(number));
    const zone = term.program.timeZone;
    return [
      field("name", "Name", "text", { initial: current?.name ?? "Extra evaluation" }),
      field("opensAt", `Opens (date, ${zone})`, "date", {
        initial: current ? formatDate(current.opensAt, zone) : undefined,
      }),
      field("dueAt", `Due (date, ${zone})`, "date", { initial: current ? formatDate(current.dueAt, zone) : undefined }),
      field("stipendPercent", "Stipend paid after it (percent of the mentee's stipend)", "number", {
        initial: String(current?.stipendPercent ?? 0),
      }),
      optional(field("remove", "Remove this checkpoint instead? (yes/no)", "text", { initial: "no" })),
    ];
  },
  schema: z.object({
    name: text("Name", 80),
    opensAt: localDate("Opens"),
    dueAt: localDate("Due"),
    stipendPercent: integer("Stipend percent", 0, 100),
    remove: optionalText(3),
  }),
  submit: async (ctx, values, context) => {
    const [ref = "", number = ""] = context.split("#");
    const { term } = await termCheckpoints(ctx.core, ref);
    const zone = term.program.timeZone;
    await editCheckpoint(
      ctx.core,
      ctx.actor,
      ref,
      Number(number),
      values.remove?.toLowerCase().startsWith("y")
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
