import { setStipendCountryTable } from "../../../core/programs.js";
import { parseStipendTable } from "../../../core/rules/stipend-table.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["program", "stipend-table"],
  summary: "Set the per-country stipend percentages, e.g. IN=60,BR=70,DE=100.",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "table", description: "country=percent pairs, comma-separated", required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const table = parseStipendTable(args.table);
    await setStipendCountryTable(ctx.core, ctx.actor, args.program, table);
    return [
      success(
        `Stipend table saved: ${Object.entries(table)
          .map(([c, p]) => `${c} ${p}%`)
          .join(", ")}. It applies to projects that adjust by country, for mentees accepted from now on.`,
      ),
    ];
  },
});
