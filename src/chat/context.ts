import type { Actor, Core } from "../core/context.js";
import type { Logger } from "../log.js";

/** What a conversation handler runs with. */
export interface ChatContext {
  core: Core;
  actor: Actor;
  log: Logger;
}
