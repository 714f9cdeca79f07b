import { z } from "zod";
import { createTerm, programForNewTerm } from "../../../core/programs.js";
import { MIN_REVIEW_DAYS, TERM_WEEKS, validateTimeline } from "../../../core/rules/timeline.js";
import { parseLocal } from "../../../core/time.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, choice, defineForm, field, localDate } from "../../forms.js";
import { shortName, success } from "../common.js";
import { commandHint as hint, formatWords } from "../../format.js";

const termForm = defineForm({
  id: "term-create",
  title: "Create a term",
  submitLabel: "Create",
  fields: {
    name: field("Term name (used in commands)", "text", shortName("Term name"), {
      hint: "e.g. 2027-spring",
      maxLength: 40,
    }),
    kind: field("Kind", "select", choice("the kind", ["full_time", "part_time"]), {
      options: [
        { label: `Full-time (${TERM_WEEKS.full_time} weeks)`, value: "full_time" },
        { label: `Part-time (${TERM_WEEKS.part_time} weeks)`, value: "part_time" },
      ],
    }),
    applicationsOpenAt: field("Applications open", "date", localDate("Applications open")),
    applicationsCloseAt: field("Applications close", "date", localDate("Applications close"), {
      hint: "about four weeks after they open",
    }),
    selectionAt: field("Selection announced", "date", localDate("Selection"), {
      hint: `at least ${MIN_REVIEW_DAYS} days after applications close (the review period)`,
    }),
    startAt: field("Term starts", "date", localDate("Start")),
    endAt: field(
      "Term ends",
      "date",
      z.preprocess((v) => (v === "" ? undefined : v), localDate("End").optional()),
      {
        hint: `empty: ${TERM_WEEKS.full_time} or ${TERM_WEEKS.part_time} weeks after the start, by kind`,
      },
    ),
  },
  // The dates typed so far, in order: calendar dates compare alike in every zone (the submission checks the
  // instants in the program's zone, and that applications do not open in the past).
  checkSoFar: (answers) => {
    const at = (value: string | undefined) => (value ? parseLocal(value, "UTC") : undefined);
    const kind = answers.kind === "full_time" || answers.kind === "part_time" ? answers.kind : undefined;
    const problems = validateTimeline(
      {
        kind,
        applicationsOpenAt: at(answers.applicationsOpenAt),
        applicationsCloseAt: at(answers.applicationsCloseAt),
        selectionAt: at(answers.selectionAt),
        startAt: at(answers.startAt),
        endAt: at(answers.endAt),
      },
      "UTC",
    );
    return Object.fromEntries(Object.entries(problems).map(([id, words]) => [id, formatWords(words, "UTC")]));
  },
  present: async (ctx, programSlug) => {
    const program = await programForNewTerm(ctx.core, ctx.actor, programSlug);
    const hint = `a date in the program's time zone (${program.timeZone})`;
    return { applicationsOpenAt: { hint }, startAt: { hint } };
  },
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
  form: termForm,
  summary: "Create a term (full- or part-time) with its timeline; default checkpoints are added.",
  audience: "administrator",
  args: [{ name: "program", description: "the program's short name", required: true, choices: "program" }],
  run: async (ctx, args) => {
    const program = await programForNewTerm(ctx.core, ctx.actor, args.program);
    return [await buildForm(ctx, termForm.id, program.slug)];
  },
});
