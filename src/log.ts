// Structured logs (JSON lines) on standard error, so standard output stays
// clean for the console adapter and its --json mode.
import { randomBytes } from "node:crypto";
import { pino, destination, multistream, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { pid: process.pid } }, destination({ dest: 2, sync: true }));
}

/** A short id a person can quote to us; the log line carries the details. */
export function newErrorId(): string {
  return randomBytes(4).toString("hex");
}

/** Warnings and errors of a terminal session's log, each as one line for the person at the terminal. */
export interface LogProblems {
  listen(show: (line: string) => void): void;
}

/**
 * For an interactive console: every log line goes to `file` (JSON, as on standard error otherwise), so none
 * lands on the prompt; warnings and errors also reach the terminal, summarised in one line each.
 */
export function createTerminalLogger(level: string, file: string): { log: Logger; problems: LogProblems } {
  let show: ((line: string) => void) | undefined;
  const early: string[] = [];
  const summarise = (chunk: string) => {
    let entry: { level?: number; msg?: string; errorId?: string };
    try {
      entry = JSON.parse(chunk) as typeof entry;
    } catch {
      return;
    }
    const kind = (entry.level ?? 0) >= 50 ? "error" : "warning";
    const id = entry.errorId ? ` ${entry.errorId}` : "";
    const line = `(${kind}${id}: ${entry.msg ?? "see the log"}; details in ${file})`;
    if (show) show(line);
    else early.push(line);
  };
  const streams = [
    // The logger's own level filters; each stream takes what reaches it from there.
    { level: "trace" as const, stream: destination({ dest: file, sync: true, mkdir: true, append: true }) },
    { level: "warn" as const, stream: { write: summarise } },
  ];
  const log = pino({ level, base: { pid: process.pid } }, multistream(streams));
  return {
    log,
    problems: {
      listen(listener) {
        show = listener;
        for (const line of early.splice(0)) listener(line);
      },
    },
  };
}
