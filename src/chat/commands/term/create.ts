import { z } from "zod";
import { createTerm, programForNewTerm } from "../../../core/programs.js";
import { MIN_REVIEW_DAYS, TERM_WEEKS } from "../../../core/rules/timeline.js";
import { parseLocal } from "../../../core/time.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, choice, defineForm, localDate } from "../../forms.js";
import { field, optional, shortName, success } from "../common.js";
import { commandHint as hint } from "../../format.js";

const termForm = defineForm({
  id: "term-create",
  title: "Create a term",
  submitLabel: "Create",
  fields: async (ctx, programSlug) => {
    const program = await programForNewTerm(ctx.core, ctx.actor, programSlug);
    const hint = `a date in the program's time zone (${program.timeZone})`;
    return [
      field("name", "Term name (used in commands)", "text", { hint: "e.g. 2027-spring", maxLength: 40 }),
      field("kind", "Kind", "select", {
        options: [
          { label: `Full-time (${TERM_WEEKS.full_time} weeks)`, value: "full_time" },
          { label: `Part-time (${TERM_WEEKS.part_time} weeks)`, value: "part_time" },
        ],
      }),
      field("applicationsOpenAt", "Applications open", "date", { hint }),
      field("applicationsCloseAt", "Applications close", "date", { hint: "about four weeks after they open" }),
      field("selectionAt", "Selection announced", "date", {
        hint: `at least ${MIN_REVIEW_DAYS} days after applications close (the review period)`,
      }),
      field("startAt", "Term starts", "date", { hint }),
      optional(
        field("endAt", "Term ends", "date", {
          hint: `empty: ${TERM_WEEKS.full_time} or ${TERM_WEEKS.part_time} weeks after the start, by kind`,
        }),
      ),
    ];
  },
  schema: z.object({
    name: shortName("Term name"),
    kind: choice("the kind", ["full_time", "part_time"]),
    applicationsOpenAt: localDate("Applications open"),
    applicationsCloseAt: localDate("Applications close"),
    selectionAt: localDate("Selection"),
    startAt: localDate("Start"),
    endAt: z.preprocess((v) => (v === "" ? undefined : v), localDate("End").optional()),
  }),
  submit: async (ctx, values, programSlug) => {
    const program = await programForNewTerm(ctx.core, ctx.actor, programSlug);
    const at = (value: string) => parseLocal(value, program.timeZone);
    const { term } = await createTerm(ctx.core, ctx.actor, programSlug, {
      name: values.name,
      kind: values.kind,
      applicationsOpenAt: at(values.applicationsOpenAt),
      applicationsCloseAt: at(values.applicationsCloseAt),
      selectionAt: at(values.selectionAt),
      startAt: at(values.startAt),
      endAt: values.endAt ? at(values.endAt) : undefined,
    });
    const ref = `${program.slug}/${term.name}`;
    return [
      success(
        `Term ${ref} is created with the default checkpoints (${hint("term show", ref)}). ` +
          `Next: ${hint("project add", ref)}, then ${hint("term open", ref)}.`,
      ),
    ];
  },
});

defineCommand({
  path: ["term", "create"],
  summary: "Create a term (full- or part-time) with its timeline; default checkpoints are added.",
  audience: "administrator",
  args: [{ name: "program", description: "the program's short name", required: true, choices: "program" }],
  run: async (ctx, args) => {
    const program = await programForNewTerm(ctx.core, ctx.actor, args.program);
    return [await buildForm(ctx, termForm.id, program.slug)];
  },
});
