import { formatMoney } from "../../format.js";
import { InvalidInput } from "../../../core/errors.js";
import { type EarlyEnd, endEnrollmentEarly } from "../../../core/enrollments.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

/** The two reasons LFX ends an enrollment early for, as typed. */
const WHY: Record<string, EarlyEnd> = { "non-performance": "non_performance", "mentee-request": "mentee_request" };

defineCommand({
  path: ["admin", "end"],
  summary: "End a mentee's enrollment early (non-performance or mentee-request), with a reason.",
  audience: "administrator",
  args: [
    { name: "mentee", description: "the mentee (a mention)", required: true, choices: "mentee" },
    { name: "why", description: "non-performance or mentee-request", required: true },
    { name: "reason", description: "what happened, in a few words", required: true, rest: true },
  ],
  run: async (ctx, args) => {
    const why = WHY[args.why.toLowerCase()];
    if (!why) throw new InvalidInput({ why: `Say why with non-performance or mentee-request, not "${args.why}".` });
    // The enrollment as it was before it ended: its payments still waiting were declined with it.
    const enrollment = await endEnrollmentEarly(ctx.core, ctx.actor, args.mentee, why, args.reason);
    const declined = enrollment.payments
      .filter((p) => p.status === "pending_approval")
      .map((p) => `${formatMoney(p.amountCents, p.currency)} (${p.checkpoint.name})`);
    return [
      success(
        `${enrollment.mentee.displayName}'s enrollment in ${enrollment.project.name} has ended; ` +
          "their application shows withdrawn, no further stipend is paid, and they and their mentors were told." +
          (declined.length ? ` Declined with it, as not yet approved: ${declined.join(", ")}.` : ""),
      ),
    ];
  },
});
