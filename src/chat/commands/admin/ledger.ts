import { listPayments } from "../../../core/stipends.js";
import { ledgerCsv } from "../../ledger-csv.js";
import { defineCommand } from "../../command-tree.js";
import { info } from "../common.js";

defineCommand({
  path: ["admin", "ledger"],
  summary: "The program's stipend ledger as CSV, for finance.",
  audience: "administrator",
  args: [{ name: "program", description: "the program's short name", required: true, choices: "program" }],
  run: async (ctx, args) => {
    const { program, payments } = await listPayments(ctx.core, ctx.actor, args.program);
    const csv = ledgerCsv(payments, program.timeZone);
    return [
      info(`Stipend ledger — ${program.name}`, {
        text: `${payments.length} payment(s), as CSV for finance.`,
        files: [
          { name: `stipend-ledger-${program.slug}.csv`, mimeType: "text/csv", content: Buffer.from(csv, "utf8") },
        ],
      }),
    ];
  },
});
