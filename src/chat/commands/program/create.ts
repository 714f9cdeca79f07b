import { z } from "zod";
import { createProgram, mayCreatePrograms } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, list, text, timeZone } from "../../forms.js";
import { field, shortName, success } from "../common.js";
import { commandHint as hint } from "../../format.js";

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
    slug: shortName("Short name"),
    name: text("Full name", 100),
    timeZone,
    administrators: list("administrator", { min: 1 }),
  }),
  submit: async (ctx, values) => {
    const program = await createProgram(ctx.core, ctx.actor, values);
    return [
      success(
        `Program ${program.name} (${program.slug}) is created with ${values.administrators.length} administrator(s). ` +
          `They continue with ${hint("term create", program.slug)}.`,
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
    mayCreatePrograms(ctx.actor);
    return [await buildForm(ctx, programForm.id)];
  },
});
