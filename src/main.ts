// `npm start`: validates the configuration, starts the bot, and stops it
// cleanly on SIGINT/SIGTERM or when the console's input ends.
import { startBot } from "./app.js";
import path from "node:path";
import { hasDiscord, hasSlack, loadConfigOrExit } from "./config.js";
import { createLogger, createTerminalLogger, newErrorId, type LogProblems } from "./log.js";
import { DirectoryInUseError } from "./store/directory-lock.js";
import { MigrationChecksumError } from "./store/migrations.js";

async function main(): Promise<number> {
  const json = process.argv.includes("--json");
  const rehearse = process.argv.includes("--rehearse");
  const env = rehearse ? rehearsalEnvironment(process.env) : process.env;
  if (env === undefined) return 2;
  const config = loadConfigOrExit(env);
  // A person at a terminal reads the console there: the logs go to a file (the console says where once, and
  // shows warnings and errors in a line each). Scripts and chat platforms keep JSON logs on standard error.
  const terminal = !json && !hasSlack(config) && !hasDiscord(config) && process.stdin.isTTY && process.stdout.isTTY;
  let log = createLogger(config.LOG_LEVEL);
  let logs: { file: string; problems: LogProblems } | undefined;
  if (terminal) {
    const file = path.resolve(config.MENTORSHIP_DATA_DIR, "bot.log");
    const terminalLog = createTerminalLogger(config.LOG_LEVEL, file);
    log = terminalLog.log;
    logs = { file, problems: terminalLog.problems };
  }
  // A promise nobody awaited, or an exception no handler caught, is our bug: it is logged with an id a
  // person can quote, and the bot goes on serving everyone else instead of stopping for all of them.
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason, errorId: newErrorId() }, "unexpected rejection; still serving");
  });
  process.on("uncaughtException", (error) => {
    log.error({ err: error, errorId: newErrorId() }, "unexpected exception; still serving");
  });
  let bot;
  try {
    bot = await startBot({
      config,
      log,
      console: { input: process.stdin, output: process.stdout, json, logs },
      ...(rehearse ? { rehearse: {} } : {}),
    });
  } catch (error) {
    if (error instanceof DirectoryInUseError || error instanceof MigrationChecksumError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    const errorId = newErrorId();
    log.fatal({ err: error, errorId }, "could not start");
    const where = logs ? `the log ${logs.file} has the details` : "the log line above has the details";
    process.stderr.write(`The bot could not start (error id ${errorId}); ${where}.\n`);
    return 1;
  }
  const running = bot;
  const stopped = new Promise<number>((resolve) => {
    const onSignal = (signal: string) => {
      log.info({ signal }, "stopping");
      void running.stop().then(() => resolve(0));
    };
    process.once("SIGINT", () => onSignal("SIGINT"));
    process.once("SIGTERM", () => onSignal("SIGTERM"));
  });
  // A piped script stopped on a mistake ends with status 1, so whatever ran it can tell.
  const ended = running.finished.then(async (status) => {
    await running.stop();
    return status;
  });
  return Promise.race([ended, stopped]);
}

/**
 * A rehearsal runs on the console with a store that keeps nothing, so simulated weeks never mix with a real
 * program's data; it is refused, with why, where a chat platform or PostgreSQL is configured.
 */
function rehearsalEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | undefined {
  const refuse = (why: string) => {
    process.stderr.write(`A rehearsal cannot start: ${why}\n`);
    return undefined;
  };
  if (env.SLACK_BOT_TOKEN || env.DISCORD_TOKEN) {
    return refuse(
      "it runs on the console only, and a chat platform is configured (unset SLACK_BOT_TOKEN and DISCORD_TOKEN).",
    );
  }
  if (env.DATABASE_URL && env.DATABASE_URL !== "memory://") {
    return refuse("its simulated time must not reach a real database (unset DATABASE_URL, or set it to memory://).");
  }
  return { ...env, DATABASE_URL: "memory://" };
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      `The bot stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
