// Forms filled in steps (Discord's modals, five fields at a time), kept in the store between steps by
// core/drafts.ts, so that the next step may reach any replica and survive a restart.
import type { Core } from "../core/context.js";
import { deleteDraft, loadDraft, saveDraft } from "../core/drafts.js";
import type { IdentityRef } from "../core/people.js";
import { newErrorId, type Logger } from "../log.js";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "../store/outage.js";
import { ourFailure } from "./chat.js";
import { FormFilling, type FillingState } from "./form-filling.js";
import { refusal, type MessageView } from "./views.js";

export class FormDrafts {
  constructor(
    private readonly core: Core,
    private readonly log: Logger,
  ) {}

  /** Saves where `filling` stands; the draft expires 30 minutes after its last save. */
  async save(owner: IdentityRef, id: string, filling: FormFilling): Promise<void> {
    // The state is plain JSON (strings, arrays and objects), as Prisma's Json column takes it.
    await saveDraft(this.core, id, owner, JSON.parse(JSON.stringify(filling.state())));
  }

  /** The draft as its owner left it; undefined when it is not theirs, expired, or ended. */
  async load(owner: IdentityRef, id: string): Promise<FormFilling | undefined> {
    const state = await loadDraft(this.core, id, owner);
    return isFillingState(state) ? FormFilling.restore(state) : undefined;
  }

  /** The form was submitted, or ended with a refusal that leaves nothing to correct. */
  async end(id: string): Promise<void> {
    await deleteDraft(this.core, id);
  }

  /** What to tell the person when the store could not keep or give their draft. */
  failed(error: unknown): MessageView {
    if (isDatabaseUnavailable(error)) {
      this.log.warn({ err: error }, "form draft unavailable: database unavailable");
      return refusal(DATABASE_UNAVAILABLE);
    }
    const errorId = newErrorId();
    this.log.error({ err: error, errorId }, "form draft failed");
    return ourFailure(errorId);
  }
}

/** A state this version of the bot wrote (a draft from an older one is treated as expired). */
function isFillingState(state: unknown): state is FillingState {
  if (typeof state !== "object" || state === null) return false;
  const { view, values, queue } = state as Partial<FillingState>;
  return (
    typeof view === "object" &&
    Array.isArray(view?.fields) &&
    typeof values === "object" &&
    Array.isArray(queue) &&
    queue.every((id) => typeof id === "string")
  );
}
