import { addAdministrator } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["admin", "add"],
  summary: "Add an administrator to a program.",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "person", description: "who to add (a mention)", required: true, choices: "person" },
  ],
  run: async (ctx, args) => {
    const { program, person } = await addAdministrator(ctx.core, ctx.actor, args.program, args.person);
    return [success(`${person.displayName} is now an administrator of ${program.name}.`)];
  },
});
