// `npm run manifests`: writes the Slack app manifests and the Discord command
// definitions from the command tree.
import { writeFileSync, mkdirSync } from "node:fs";
import { slackManifest } from "../src/adapters/slack/manifest.js";
import { discordCommands } from "../src/adapters/discord/commands.js";

mkdirSync("manifests", { recursive: true });
writeFileSync("manifests/slack.yaml", slackManifest("http"));
writeFileSync("manifests/slack-socket-mode.yaml", slackManifest("socket"));
writeFileSync("manifests/discord-commands.json", `${JSON.stringify(discordCommands(), null, 2)}\n`);
process.stdout.write(
  "Wrote manifests/slack.yaml, manifests/slack-socket-mode.yaml and manifests/discord-commands.json.\n",
);
