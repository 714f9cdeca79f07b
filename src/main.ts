// `npm start`: validates the configuration, starts the bot, and stops it
// cleanly on SIGINT/SIGTERM or when the console's input ends.
import { startBot } from "./app.js";
import { loadConfigOrExit } from "./config.js";
import { createLogger, newErrorId } from "./log.js";
import { DirectoryInUseError } from "./store/directory-lock.js";
import { MigrationChecksumError } from "./store/migrations.js";

async function main(): Promise<number> {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL);
  const json = process.argv.includes("--json");
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
    bot = await startBot({ config, log, console: { input: process.stdin, output: process.stdout, json } });
  } catch (error) {
    if (error instanceof DirectoryInUseError || error instanceof MigrationChecksumError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    const errorId = newErrorId();
    log.fatal({ err: error, errorId }, "could not start");
    process.stderr.write(`The bot could not start (error id ${errorId}); the log line above has the details.\n`);
    return 1;
  }
  const running = bot;
  const stopped = new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      log.info({ signal }, "stopping");
      void running.stop().then(resolve);
    };
    process.once("SIGINT", () => onSignal("SIGINT"));
    process.once("SIGTERM", () => onSignal("SIGTERM"));
  });
  await Promise.race([running.finished.then(() => running.stop()), stopped]);
  return 0;
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
