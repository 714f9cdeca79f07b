// Operators create programs; administrators run terms and checkpoints.
import { z } from "zod";
import { findProgram } from "../../core/lookup.js";
import {
  addAdministrator,
  createProgram,
  createTerm,
  editCheckpoint,
  listPrograms,
  listTerms,
  setApplicationsState,
  setStipendCountryTable,
  TERM_WEEKS,
  termCheckpoints,
} from "../../core/programs.js";
import { addWeeks, parseLocal } from "../../core/time.js";
import { formatDate } from "../format.js";
import { InvalidInput } from "../../core/errors.js";
import { requireAdministrator, requireOperator } from "../../core/policy.js";
import { defineCommand } from "../command-tree.js";
import { buildForm, choice, defineForm, integer, list, localDate, optionalText, text, timeZone } from "../forms.js";
import type { ChatContext } from "../context.js";
import { field, info, optional, success, when } from "./common.js";

const slug = (label: string) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9][a-z0-9-]{1,39}$/,
      `${label}: 2 to 40 lowercase letters, digits or dashes, e.g. lfx or 2027-spring.`,
    );

const programForm = defineForm({
  id: "program-create",
  title: "Create a program",
  submitLabel: "Create",
  fields: () => [
    field("slug", "Short name (used in commands)", "text", { hint: "e.g. lfx", maxLength: 40 }),
    field("name", "Full name", "text", { hint: "e.g. LFX Mentorship", maxLength: 100 }),
    field("timeZone", "The program's time zone (term dates are in it)", "text", { initial: "UTC" }),
    field("administrators", "First administrators", "people", { hint: "mention them, e.g. @grace, @linus" }),
  ],
  schema: z.object({
    slug: slug("Short name"),
    name: text("Full name", 100),
    timeZone,
    administrators: list("administrator", { min: 1 }),
  }),
  submit: async (ctx, values) => {
    const program = await createProgram(ctx.core, ctx.actor, values);
    return [
      success(
        `Program ${program.name} (${program.slug}) is created with ${values.administrators.length} administrator(s). They continue with /mentorship term create ${program.slug}.`,
      ),
    ];
  },
});

defineCommand({
  path: ["program", "create"],
  summary: "Create a program and name its first administrators.",
  audience: "operator",
  args: [],
  run: async (ctx) => {
    requireOperator(ctx.actor);
    return [await buildForm(ctx, programForm.id)];
  },
});

defineCommand({
  path: ["programs"],
  summary: "List the programs, their terms and administrators.",
  audience: "everyone",
  args: [],
  run: async (ctx) => {
    const programs = await listPrograms(ctx.core);
    if (programs.length === 0)
      return [
        info("Programs", {
          text: ctx.actor.isOperator ? "No programs yet. Create one: /mentorship program create." : "No programs yet.",
        }),
      ];
    return [
      info("Programs", {
        sections: programs.map((p) => ({
          heading: `${p.name} (${p.slug})`,
          lines: [
            `Administrators: ${p.administrators.map((a) => a.person.displayName).join(", ")}`,
            ...p.terms.map(
              (t) =>
                `Term ${p.slug}/${t.name}: ${t.kind.replace("_", "-")}, ${formatDate(t.startAt, p.timeZone)} → ${formatDate(t.endAt, p.timeZone)}, applications ${t.applicationsState.replace("_", " ")}`,
            ),
          ],
        })),
      }),
    ];
  },
});

defineCommand({
  path: ["admin", "add"],
  summary: "Add an administrator to a program.",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "person", description: "who to add (a mention)", required: true, choices: "person" },
  ],
  run: async (ctx, args) => {
    const { program, person } = await addAdministrator(ctx.core, ctx.actor, args.program!, args.person!);
    return [success(`${person.displayName} is now an administrator of ${program.name}.`)];
  },
});

defineCommand({
  path: ["program", "stipend-table"],
  summary: "Set the per-country stipend percentages, e.g. IN=60,BR=70,DE=100.",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "table", description: "country=percent pairs, comma-separated", required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const table: Record<string, number> = {};
    for (const pair of args.table!.split(/[,\s]+/).filter(Boolean)) {
      const match = /^([A-Za-z]{2})=(\d{1,3})$/.exec(pair);
      if (!match || Number(match[2]) > 200)
        throw new InvalidInput({ table: `"${pair}" is not country=percent (e.g. IN=60; percent 0 to 200).` });
      table[match[1]!.toUpperCase()] = Number(match[2]);
    }
    await setStipendCountryTable(ctx.core, ctx.actor, args.program!, table);
    return [
      success(
        `Stipend table saved: ${Object.entries(table)
          .map(([c, p]) => `${c} ${p}%`)
          .join(", ")}. It applies to projects that adjust by country, for mentees accepted from now on.`,
      ),
    ];
  },
});

// ---------------------------------------------------------------- terms

const termForm = defineForm({
  id: "term-create",
  title: "Create a term",
  submitLabel: "Create",
  fields: async (ctx, programSlug) => {
    const program = await findProgram(ctx.core.db.prisma, programSlug);
    const hint = `a date in the program's time zone (${program.timeZone})`;
    return [
      field("name", "Term name (used in commands)", "text", { hint: "e.g. 2027-spring", maxLength: 40 }),
      field("kind", "Kind", "select", {
        options: [
          { label: "Full-time (12 weeks)", value: "full_time" },
          { label: "Part-time (24 weeks)", value: "part_time" },
        ],
      }),
      field("applicationsOpenAt", "Applications open", "date", { hint }),
      field("applicationsCloseAt", "Applications close", "date", { hint: "about four weeks after they open" }),
      field("selectionAt", "Selection announced", "date", {
        hint: "at least 14 days after applications close (the review period)",
      }),
      field("startAt", "Term starts", "date", { hint }),
      optional(field("endAt", "Term ends", "date", { hint: "empty: 12 or 24 weeks after the start, by kind" })),
    ];
  },
  schema: z.object({
    name: slug("Term name"),
    kind: choice("the kind", ["full_time", "part_time"]),
    applicationsOpenAt: localDate("Applications open"),
    applicationsCloseAt: localDate("Applications close"),
    selectionAt: localDate("Selection"),
    startAt: localDate("Start"),
    endAt: z.preprocess((v) => (v === "" ? undefined : v), localDate("End").optional()),
  }),
  submit: async (ctx, values, programSlug) => {
    const program = await findProgram(ctx.core.db.prisma, programSlug);
    const at = (value: string) => parseLocal(value, program.timeZone);
    const startAt = at(values.startAt);
    const { term } = await createTerm(ctx.core, ctx.actor, programSlug, {
      name: values.name,
      kind: values.kind,
      applicationsOpenAt: at(values.applicationsOpenAt),
      applicationsCloseAt: at(values.applicationsCloseAt),
      selectionAt: at(values.selectionAt),
      startAt,
      endAt: values.endAt ? at(values.endAt) : addWeeks(startAt, TERM_WEEKS[values.kind], program.timeZone),
    });
    const ref = `${program.slug}/${term.name}`;
    return [
      success(
        `Term ${ref} is created with the default checkpoints (/mentorship term show ${ref}). Next: /mentorship project add ${ref}, then /mentorship term open ${ref}.`,
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
    const program = await findProgram(ctx.core.db.prisma, args.program!);
    await requireAdministrator(ctx.core.db.prisma, ctx.actor, program, "create terms");
    return [await buildForm(ctx, termForm.id, program.slug)];
  },
});

defineCommand({
  path: ["terms"],
  summary: "List every term with its dates and whether applications are open.",
  audience: "everyone",
  args: [],
  run: async (ctx) => {
    const terms = await listTerms(ctx.core);
    if (terms.length === 0) return [info("Terms", { text: "No terms yet." })];
    const lines = terms.map(
      (t) =>
        `${t.program.slug}/${t.name} — ${t.kind.replace("_", "-")}, applications ${t.applicationsState.replace("_", " ")} (close ${when(ctx, t.applicationsCloseAt)}), term ${when(ctx, t.startAt)} → ${when(ctx, t.endAt)}`,
    );
    return [info("Terms", { sections: [{ lines }] })];
  },
});

defineCommand({
  path: ["term", "show"],
  summary: "Show a term's timeline and checkpoints.",
  audience: "everyone",
  args: [{ name: "term", description: "program/term, e.g. lfx/2027-spring", required: true, choices: "term" }],
  run: async (ctx, args) => [await termView(ctx, args.term!)],
});

async function termView(ctx: ChatContext, ref: string) {
  const { term, checkpoints } = await termCheckpoints(ctx.core, ref);
  return info(`Term ${term.program.slug}/${term.name} (${term.kind.replace("_", "-")})`, {
    sections: [
      {
        heading: "Timeline",
        fields: [
          ["Applications open", when(ctx, term.applicationsOpenAt)],
          ["Applications close", when(ctx, term.applicationsCloseAt)],
          ["Selection", when(ctx, term.selectionAt)],
          ["Start", when(ctx, term.startAt)],
          ["End", when(ctx, term.endAt)],
          ["Applications", term.applicationsState.replace("_", " ")],
        ] as [string, string][],
      },
      {
        heading: "Checkpoints",
        lines: checkpoints.map(
          (c) =>
            `${c.number}. ${c.name}: opens ${when(ctx, c.opensAt)}, due ${when(ctx, c.dueAt)}${c.stipendPercent ? `, stipend ${c.stipendPercent}%` : ""}${c.isFinal ? " (final)" : ""}`,
        ),
      },
    ],
  });
}

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
    const { term } = await termCheckpoints(ctx.core, args.term!);
    await requireAdministrator(ctx.core.db.prisma, ctx.actor, term.program, "change checkpoints");
    return [await buildForm(ctx, checkpointForm.id, `${term.program.slug}/${term.name}#${Number(args.number) || 0}`)];
  },
});

for (const state of ["open", "closed"] as const) {
  const verb = state === "open" ? "open" : "close";
  defineCommand({
    path: ["term", verb],
    summary:
      state === "open" ? "Open applications to a term." : "Close applications; decisions can be taken from then on.",
    audience: "administrator",
    args: [{ name: "term", description: "program/term", required: true, choices: "term" }],
    run: async (ctx, args) => {
      const term = await setApplicationsState(ctx.core, ctx.actor, args.term!, state);
      const ref = `${term.program.slug}/${term.name}`;
      return [
        success(
          state === "open"
            ? `Applications to ${ref} are open. Mentees find projects with /mentorship projects.`
            : `Applications to ${ref} are closed. Review them with /mentorship applications; the selection is announced ${when(ctx, term.selectionAt)}.`,
        ),
      ];
    },
  });
}
