// Drives the console adapter in --json mode, in process, the way a script
// piped into `npm start -- --json` would.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { startBot, type RunningBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/core/clock.js";
import { createLogger } from "../../src/log.js";
import type { Database } from "../../src/store/database.js";

export type JsonLine = Record<string, unknown> & { type: string };

export interface ConsoleSession {
  bot: RunningBot;
  /** Sends lines and returns what the bot printed in answer to them. */
  send(...lines: string[]): Promise<JsonLine[]>;
  close(): Promise<void>;
}

export async function consoleSession(
  database: Database,
  options: { clock?: Clock; operators?: string } = {},
): Promise<ConsoleSession> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const dataDir = mkdtempSync(path.join(tmpdir(), "mentorship-console-"));
  const config = loadConfig({
    MENTORSHIP_OPERATORS: options.operators ?? "console:operator",
    LOG_LEVEL: "silent",
    MENTORSHIP_DATA_DIR: dataDir,
  });
  const bot = await startBot({
    config,
    log: createLogger("silent"),
    clock: options.clock,
    database,
    scheduler: false,
    console: { input, output, json: true },
  });
  await settle();
  printed = "";
  return {
    bot,
    async send(...lines) {
      for (const line of lines) {
        input.write(`${line}\n`);
        await settle();
      }
      await bot.idle();
      const answer = printed;
      printed = "";
      return answer
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as JsonLine);
    },
    async close() {
      input.end();
      await bot.finished;
      await bot.stop();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
