import { defineCommand } from "../../command-tree.js";
import { ledgerExport } from "./export.js";

defineCommand({
  path: ["admin", "ledger"],
  summary: "The program's stipend ledger as CSV, for finance (the same as admin export ledger).",
  audience: "administrator",
  args: [{ name: "program", description: "the program's short name", required: true, choices: "program" }],
  run: (ctx, args) => ledgerExport(ctx, args.program),
});
