// Starts test/support/bot-process.ts as a child process and watches it: a crash is seen as an exit,
// so a test can fail alone instead of taking the test runner down with the bot.
import { spawn, type ChildProcess } from "node:child_process";
import type { TableSnapshot } from "./tables.js";

export interface BotChild {
  child: ChildProcess;
  /** The bot's HTTP port (Slack's /slack/events and /healthz). */
  base: string;
  /** Set once the process ended, with how. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  tables(): Promise<TableSnapshot>;
  /** SIGTERM and wait (a clean stop closes the embedded database). */
  stop(): Promise<void>;
}

export async function startBotChild(env: Record<string, string>, timeoutMs = 60_000): Promise<BotChild> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/bot-process.ts"], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const handle = { exit: undefined } as { exit: BotChild["exit"] };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      handle.exit = { code, signal };
      resolve({ code, signal });
    }),
  );
  const until = Date.now() + timeoutMs;
  while (!out.includes("\n")) {
    if (handle.exit)
      throw new Error(
        `the bot process ended before it was ready (${JSON.stringify(handle.exit)}): ${err.slice(-2_000)}`,
      );
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the bot process was not ready within ${timeoutMs} ms: ${err.slice(-2_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const ready = JSON.parse(out.slice(0, out.indexOf("\n"))) as { port: number; probe: number };
  return {
    child,
    base: `http://127.0.0.1:${ready.port}`,
    get exit() {
      return handle.exit;
    },
    exited,
    stderr: () => err,
    tables: async () => (await (await fetch(`http://127.0.0.1:${ready.probe}/tables`)).json()) as TableSnapshot,
    stop: async () => {
      if (!handle.exit) child.kill("SIGTERM");
      await exited;
    },
  };
}
