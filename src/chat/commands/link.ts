import { createLinkCode, redeemLinkCode } from "../../core/people.js";
import { defineCommand } from "../command-tree.js";
import { info, success, when } from "./common.js";
import { commandHint as hint } from "../format.js";

defineCommand({
  path: ["link"],
  summary: "Link your Slack and Discord accounts: without a code, get one; with a code, use it.",
  audience: "everyone",
  args: [{ name: "code", description: "the code from your other account", required: false }],
  run: async (ctx, args) => {
    if (!args.code) {
      const { code, expiresAt } = await createLinkCode(ctx.core, ctx.actor);
      return [
        info("Link another account", {
          text:
            `On your other platform, type: ${hint("link", code)}\n` +
            `The code works once, until ${when(ctx, expiresAt)}.`,
        }),
      ];
    }
    await redeemLinkCode(ctx.core, ctx.actor, args.code);
    return [success("Linked: this account now acts as the same person on both platforms.")];
  },
});
