// Buttons: an action id and a value (usually a record id). The handler
// re-checks everything in the core, so a stale or forged press changes nothing.
import type { Answering } from "./command-tree.js";
import type { ChatContext } from "./context.js";

/** A button's action; one that may open a form says which (see Answering). */
export type ActionSpec = { id: string } & Answering<[ctx: ChatContext, value: string]>;

const actions = new Map<string, ActionSpec>();

export function defineAction(spec: ActionSpec): ActionSpec {
  if (actions.has(spec.id)) throw new Error(`Action ${spec.id} is defined twice`);
  actions.set(spec.id, spec);
  return spec;
}

export function findAction(id: string): ActionSpec | undefined {
  return actions.get(id);
}

/** Every button's action, for tests that must press each one. */
export function allActions(): readonly ActionSpec[] {
  return [...actions.values()];
}
