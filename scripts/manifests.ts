// `npm run manifests`: writes the Slack app manifests from the command tree.
import { writeFileSync, mkdirSync } from "node:fs";
import { slackManifest } from "../src/adapters/slack/manifest.js";

mkdirSync("manifests", { recursive: true });
writeFileSync("manifests/slack.yaml", slackManifest("http"));
writeFileSync("manifests/slack-socket-mode.yaml", slackManifest("socket"));
process.stdout.write("Wrote manifests/slack.yaml and manifests/slack-socket-mode.yaml.\n");
