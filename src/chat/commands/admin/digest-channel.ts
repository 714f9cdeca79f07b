import { setDigestChannel } from "../../../core/programs.js";
import { defineCommand } from "../../command-tree.js";
import { success } from "../common.js";

defineCommand({
  path: ["admin", "digest-channel"],
  summary: "Choose the channel the program's weekly digest is posted to (this platform).",
  audience: "administrator",
  args: [
    { name: "program", description: "the program's short name", required: true, choices: "program" },
    { name: "channel", description: "the channel (a #channel mention or its id)", required: true, channel: true },
  ],
  run: async (ctx, args) => {
    const channel = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(args.channel)?.[1] ?? args.channel.replace(/^#/, "");
    await setDigestChannel(ctx.core, ctx.actor, args.program, channel);
    return [success(`The digest of ${args.program} will be posted to ${args.channel} on ${ctx.actor.platform}.`)];
  },
});
