// The bot in a process of its own, for reliability tests that may crash it or kill it:
// `node --import tsx test/support/bot-process.ts`, configured by the environment like `npm start`
// (SLACK_*, DISCORD_*, DATABASE_URL or MENTORSHIP_DATA_DIR). It is startBot, as main.ts runs it, with
// the scheduler off and no retries towards the fakes. Beside the bot's own port it opens a probe
// port for the test: the embedded database admits one process, so the test reads it through here.
// Prints one JSON line {"port", "probe"} on standard output when it is ready.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { openDatabase } from "../../src/store/database.js";
import { tableSnapshot } from "./tables.js";

const config = loadConfig(process.env);
const log = createLogger(config.LOG_LEVEL);
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.MENTORSHIP_DATA_DIR });
const bot = await startBot({ config, log, database: db, scheduler: false, slackRetries: 0, port: 0 });

const probe = createServer((req, res) => {
  const answer = req.url === "/tables" ? tableSnapshot(db.sql) : Promise.resolve({ pid: process.pid });
  answer.then(
    (body) => res.end(JSON.stringify(body)),
    (error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    },
  );
});
await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));

process.once("SIGTERM", () => {
  probe.close();
  void bot
    .stop()
    .then(() => db.close())
    .then(() => process.exit(0));
});
process.stdout.write(`${JSON.stringify({ port: bot.http?.port, probe: (probe.address() as AddressInfo).port })}\n`);
