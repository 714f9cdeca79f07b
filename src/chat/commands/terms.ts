import { listTerms } from "../../core/programs.js";
import { defineCommand } from "../command-tree.js";
import { applicationsWords, info, when } from "./common.js";

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
        `${t.program.slug}/${t.name} — ${t.kind.replace("_", "-")}, ` +
        `applications ${applicationsWords(ctx, t)} (close ${when(ctx, t.applicationsCloseAt)}), ` +
        `term ${when(ctx, t.startAt)} → ${when(ctx, t.endAt)}`,
    );
    return [info("Terms", { sections: [{ lines }] })];
  },
});
