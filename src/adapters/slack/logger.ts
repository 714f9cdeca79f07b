// Bolt and the Web API client log through this bridge into the bot's own structured log.
import { LogLevel } from "@slack/bolt";
import type { Logger } from "../../log.js";

export function slackLogger(log: Logger, bindings: Record<string, string> = {}) {
  const child = log.child({ adapter: "slack", ...bindings });
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(" ")),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(" ")),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(" ")),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(" ")),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
