// Bolt and the Web API client log through this bridge into the bot's own structured log.
import { inspect } from "node:util";
import { LogLevel } from "@slack/bolt";
import type { Logger } from "../../log.js";

export function slackLogger(log: Logger, bindings: Record<string, string> = {}) {
  const child = log.child({ adapter: "slack", ...bindings });
  // An Error among the arguments is logged as one, with its stack; the rest form the message.
  const line = (msg: unknown[]) => {
    const err = msg.find((m) => m instanceof Error);
    const words = msg.filter((m) => m !== err).map((m) => (typeof m === "string" ? m : inspect(m, { depth: 2 })));
    const text = words.join(" ");
    return [err ? { err } : {}, text] as const;
  };
  return {
    debug: (...msg: unknown[]) => child.debug(...line(msg)),
    info: (...msg: unknown[]) => child.info(...line(msg)),
    warn: (...msg: unknown[]) => child.warn(...line(msg)),
    error: (...msg: unknown[]) => child.error(...line(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
