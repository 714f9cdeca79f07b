import { InvalidInput } from "../../../core/errors.js";
import { setStipendCountryTable } from "../../../core/programs.js";
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
    const table: Record<string, number> = {};
    for (const pair of args.table.split(/[,\s]+/).filter(Boolean)) {
      const match = /^([A-Za-z]{2})=(\d{1,3})$/.exec(pair);
      if (!match || Number(match[2]) > 200)
        throw new InvalidInput({ table: `"${pair}" is not country=percent (e.g. IN=60; percent 0 to 200).` });
      table[match[1]!.toUpperCase()] = Number(match[2]);
    }
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
