// One process under load for bench/slack.ts: our bot in Slack HTTP mode on a store, or the baseline, a bare
// Bolt app acknowledging a constant. It tells its parent its port once ready, and measures its own event-loop
// delay and memory when asked, so the load generator's work is not counted in them.
//   tsx bench/target.ts bare
//   tsx bench/target.ts bot <DATABASE_URL or a data directory>
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { startBot } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { FakeSlack } from "../test/support/fake-slack.js";
import { SIGNING_SECRET, type FromTarget, type ToTarget } from "./target-messages.js";

const send = (message: FromTarget) => process.send?.(message);
const [kind, where = ""] = process.argv.slice(2);

// Slack's Web API (auth.test, chat.postMessage …) is a local fake for both: Bolt asks it who the bot is.
const fake = new FakeSlack();
await fake.start();
let port: number;
let stop: () => Promise<void>;
if (kind === "bare") {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events" });
  const app = new App({
    token: "xoxb-bench",
    receiver,
    clientOptions: { slackApiUrl: `${fake.base}/api/` },
    logLevel: LogLevel.ERROR,
  });
  app.command("/mentorship", async ({ ack }) => ack("ok"));
  app.view(/.*/, async ({ ack }) => ack());
  const server = (await app.start(0)) as Server;
  port = (server.address() as AddressInfo).port;
  stop = async () => {
    await app.stop();
  };
} else {
  const store = where.startsWith("postgres") || where === "memory://" ? { DATABASE_URL: where } : {};
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.base}/api/`,
    MENTORSHIP_OPERATORS: "slack:UBENCH0",
    MENTORSHIP_DATA_DIR: store.DATABASE_URL ? "" : where,
    LOG_LEVEL: "silent",
    ...store,
  });
  const bot = await startBot({ config, log: createLogger("silent"), scheduler: false, port: 0 });
  port = bot.http!.port;
  stop = () => bot.stop();
}
send({ ready: true, port });

let loop = monitorEventLoopDelay({ resolution: 10 });
process.on("message", async (message: ToTarget) => {
  if (message === "measure") {
    loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    send({ measuring: true });
  } else if (message === "report") {
    loop.disable();
    const rssMiB = process.memoryUsage().rss / 2 ** 20;
    send({ loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6, rssMiB });
  } else if (message === "stop") {
    await stop();
    await fake.stop();
    send({ stopped: true });
    process.disconnect();
  }
});
