import { plural } from "../../format.js";
import { createProgram, mayCreatePrograms } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { buildForm, defineForm, field, list, text, timeZone } from "../../forms.js";
import { shortName, success } from "../common.js";

const programForm = defineForm({
  id: "program-create",
  title: "Create a program",
  submitLabel: "Create",
  fields: {
    slug: field("Short name (used in commands)", "text", shortName("Short name"), { hint: "e.g. lfx", maxLength: 40 }),
    name: field("Full name", "text", text("Full name", 100), { hint: "e.g. LFX Mentorship", maxLength: 100 }),
    timeZone: field("The program's time zone (term dates are in it)", "text", timeZone, { initial: "UTC" }),
    administrators: field("First administrators", "people", list("administrator", { min: 1 }), {
      hint: "mention them, e.g. @grace, @linus",
    }),
  },
  submit: async (ctx, values) => {
    const program = await createProgram(ctx.core, ctx.actor, values);
    return [
      success(
        `Program ${program.name} (${program.slug}) is created with ` +
          `${plural(values.administrators.length, "administrator")}; each was told how to create its first term.`,
      ),
    ];
  },
});

defineCommand({
  path: ["program", "create"],
  form: programForm,
  summary: "Create a program and name its first administrators.",
  audience: "operator",
  args: [],
  run: async (ctx) => {
    mayCreatePrograms(ctx.actor);
    return [await buildForm(ctx, programForm.id)];
  },
});
