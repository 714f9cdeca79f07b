// Buttons: an action id and a value (usually a record id). The handler
// re-checks everything in the core, so a stale or forged press changes nothing.
import type { ChatContext } from "./context.js";
import type { View } from "./views.js";

export interface ActionSpec {
  id: string;
  run(ctx: ChatContext, value: string): Promise<View[]>;
}

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
