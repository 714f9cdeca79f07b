// Structured logs (JSON lines) on standard error, so standard output stays
// clean for the console adapter and its --json mode.
import { randomBytes } from "node:crypto";
import { pino, destination, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { pid: process.pid } }, destination({ dest: 2, sync: true }));
}

/** A short id a person can quote to us; the log line carries the details. */
export function newErrorId(): string {
  return randomBytes(4).toString("hex");
}
