// The entry point every adapter calls: a typed request (a command, a button press or a form submission,
// see requests.ts) from some platform identity, answered with neutral views.
import { inTransaction, type Core } from "../core/context.js";
import { InvalidInput, Refusal } from "../core/errors.js";
import { paged } from "./paging.js";
import { resolveActor, type IdentityRef } from "../core/people.js";
import { DuplicateRequest, firstTimeSeen, seenBefore, type RequestOnce } from "../core/requests.js";
import { newErrorId, type Logger } from "../log.js";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "../store/outage.js";
import { findAction } from "./actions.js";
import { formatMention, formatWords } from "./format.js";
import { commandFromLine, resolveCommand, type ArgChoices } from "./command-tree.js";
import type { ChatContext } from "./context.js";
import { fieldErrors, findForm } from "./forms.js";
import {
  cleanIdentity,
  isUnstorable,
  MAX_BUTTON_VALUE_LENGTH,
  MAX_COMMAND_LENGTH,
  UNSTORABLE_FIELD,
  UNSTORABLE_LINE,
  STALE_BUTTON,
} from "./hygiene.js";
import { refusal, type MessageView, type SubmitResult, type View } from "./views.js";
import {
  actionRequest,
  submissionRequest,
  type ActionRequest,
  type ChatRequest,
  type CommandRequest,
  type SubmissionRequest,
} from "./requests.js";
import { suggestionsFor, type FoundSuggestion } from "../core/suggestions.js";
import { Deliveries, dispatch, type Sender } from "../scheduler/dispatcher.js";
import "./commands/index.js";

const UNUSABLE_ACCOUNT = "Sorry, the bot cannot work with this account: its platform id is not one it can store.";
/** Discord sends at most 100 characters of what is typed; nothing longer is a search. */
const MAX_SUGGESTION_QUERY = 100;

/** One pick offered while a person types an argument. */
export interface Suggestion {
  label: string;
  value: string;
}

export class Chat {
  constructor(
    readonly core: Core,
    private readonly log: Logger,
  ) {}

  /**
   * Records a platform request (its own id, e.g. "slack-event:<event_id>") that changes nothing in the
   * store; false when a copy was recorded before. When the database cannot say, the request goes ahead.
   */
  async firstTime(requestKey: string): Promise<boolean> {
    try {
      return await firstTimeSeen(this.core, requestKey);
    } catch (error) {
      this.log.warn({ err: error, requestKey }, "could not record a request; handling it without de-duplication");
      return true;
    }
  }

  /**
   * Messages a person must receive after their request was acknowledged (a saved form's outcome): written
   * to the outbox, so a platform's 429 or a crash delays them instead of losing them, and a retry of the
   * same request (same key) does not send them twice. False when they could not be written (the database
   * is away): the adapter then sends them itself.
   */
  async replyLater(from: IdentityRef, requestKey: string, views: MessageView[]): Promise<boolean> {
    const identity = cleanIdentity(from);
    // A refusal changed nothing and is not kept: if it is lost, asking again gives it again.
    if (!identity || isRefusal(views)) return false;
    try {
      const actor = await resolveActor(this.core, identity);
      await inTransaction(this.core, actor, async (uc) => {
        for (const [index, view] of views.entries()) {
          const { files: _files, ...shown } = view;
          await uc.notify({
            key: `reply:${requestKey}:${index}`,
            personId: actor.personId,
            reply: toJson(shown),
            platform: identity.platform,
          });
        }
      });
      return true;
    } catch (error) {
      this.log.warn({ err: error, requestKey }, "could not queue a reply; sending it directly");
      return false;
    }
  }

  // Each request below may carry its platform's own id (`requestKey`, e.g. "slack:<trigger_id>"): the
  // same request arriving again (a platform's retry, a replay, a second replica) is then answered with
  // nothing. A refused request leaves no trace at all.

  /**
   * The one door into the chat layer: a command, a button press or a form submission from some platform
   * identity. A command is looked up in the command tree and its arguments checked; a submission answers
   * with per-field errors when its values do not pass the form's checks, so the platform can show them
   * beside the fields.
   */
  async handle(from: IdentityRef, request: CommandRequest | ActionRequest, requestKey?: string): Promise<View[]>;
  async handle(from: IdentityRef, request: SubmissionRequest, requestKey?: string): Promise<SubmitResult>;
  async handle(from: IdentityRef, request: ChatRequest, requestKey?: string): Promise<View[] | SubmitResult>;
  async handle(from: IdentityRef, request: ChatRequest, requestKey?: string): Promise<View[] | SubmitResult> {
    switch (request.kind) {
      case "command":
        return this.runCommand(from, request, requestKey);
      case "action":
        return this.runAction(from, request, requestKey);
      case "submission":
        return this.runSubmission(from, request, requestKey);
    }
  }

  /** A typed line (tests, scripts): read as Slack's command and the console read theirs. */
  command(from: IdentityRef, line: string, requestKey?: string): Promise<View[]> {
    return this.handle(from, commandFromLine(line), requestKey);
  }

  action(from: IdentityRef, actionId: string, value: string, requestKey?: string): Promise<View[]> {
    return this.handle(from, actionRequest(actionId, value), requestKey);
  }

  submit(
    from: IdentityRef,
    formId: string,
    context: string,
    values: Record<string, string>,
    requestKey?: string,
  ): Promise<SubmitResult> {
    return this.handle(from, submissionRequest(formId, context, values), requestKey);
  }

  /**
   * What to offer while a person types an argument (Discord's autocomplete): only what they may see (see
   * core/suggestions.ts), labelled for people, matching what they typed.
   */
  async suggest(from: IdentityRef, choices: ArgChoices, typed: string): Promise<Suggestion[]> {
    const identity = cleanIdentity(from);
    if (!identity || isUnstorable(typed)) return [];
    let found: FoundSuggestion[];
    try {
      const actor = await resolveActor(this.core, identity);
      found = await suggestionsFor(this.core, actor, choices, typed.slice(0, MAX_SUGGESTION_QUERY));
    } catch (error) {
      // Suggestions are a convenience: without them the person types the name, and the command says the rest.
      this.log.warn({ err: error, identity, choices }, "no suggestions: the store did not answer");
      return [];
    }
    return found.map((s) => ({
      label: s.detail ? `${s.name} (${s.detail})` : s.name,
      // A person is named as the platform writes a mention, as the commands read it.
      value: s.kind === "person" ? formatMention(identity.platform, s.ref) : s.ref,
    }));
  }

  /** Delivers outbox messages for one platform as they are written (see scheduler/dispatcher.ts). */
  deliveries(sender: Sender, onError: (error: unknown) => void): Deliveries {
    return new Deliveries(this.core, sender, onError);
  }

  /** Delivers what the outbox holds for one platform now, once (the console, after each line). */
  async deliverNow(sender: Sender): Promise<void> {
    await dispatch(this.core, sender);
  }

  private async runCommand(from: IdentityRef, request: CommandRequest, requestKey?: string): Promise<View[]> {
    const identity = cleanIdentity(from);
    if (!identity) return [refusal(UNUSABLE_ACCOUNT)];
    const words = [...request.path, ...Object.values(request.args), ...(request.extra ?? [])].filter(
      (word): word is string => word !== undefined,
    );
    if (words.some(isUnstorable)) return [refusal(UNSTORABLE_LINE)];
    const line = words.join(" ");
    if (line.length > MAX_COMMAND_LENGTH) {
      return [refusal(`That command is too long: at most ${MAX_COMMAND_LENGTH} characters.`)];
    }
    const parsed = resolveCommand(request);
    if (!parsed.ok) return [refusal(parsed.problem)];
    // A terminal scrolls; a chat message has room for a page of a long list (see paging.ts).
    const run =
      identity.platform === "console"
        ? (ctx: ChatContext) => parsed.spec.run(ctx, parsed.args)
        : async (ctx: ChatContext) => paged(await parsed.spec.run(ctx, parsed.args), line, 1);
    return this.guard(identity, { command: line }, run, requestKey);
  }

  private async runAction(from: IdentityRef, request: ActionRequest, requestKey?: string): Promise<View[]> {
    const { action: actionId, value } = request;
    const identity = cleanIdentity(from);
    if (!identity) return [refusal(UNUSABLE_ACCOUNT)];
    // Our buttons carry short record ids; anything else was not made by us (or was altered on the way).
    if (isUnstorable(actionId) || isUnstorable(value) || value.length > MAX_BUTTON_VALUE_LENGTH) {
      return [refusal(STALE_BUTTON)];
    }
    const action = findAction(actionId);
    if (!action) return [refusal(STALE_BUTTON)];
    return this.guard(identity, { action: actionId, value }, (ctx) => action.run(ctx, value), requestKey);
  }

  private async runSubmission(
    from: IdentityRef,
    request: SubmissionRequest,
    requestKey?: string,
  ): Promise<SubmitResult> {
    const { form: formId, context, values } = request;
    const identity = cleanIdentity(from);
    if (!identity) return { ok: true, views: [refusal(UNUSABLE_ACCOUNT)] };
    const spec = findForm(formId);
    if (!spec || isUnstorable(context) || context.length > MAX_BUTTON_VALUE_LENGTH) {
      return { ok: true, views: [refusal("This form is no longer in use. Run the command again.")] };
    }
    // Each field holding a character the store cannot keep is refused in place; fields the form does
    // not have are dropped, as the schema would drop them.
    const fields: Record<string, unknown> = {};
    const unstorable: Record<string, string> = {};
    for (const [field, value] of Object.entries(values)) {
      if (!(field in spec.schema.shape)) continue;
      if (typeof value === "string" && isUnstorable(value)) unstorable[field] = UNSTORABLE_FIELD;
      else fields[field] = value;
    }
    const parsed = spec.schema.safeParse(fields);
    if (!parsed.success || Object.keys(unstorable).length > 0) {
      return { ok: false, errors: { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...unstorable } };
    }
    let errors: Record<string, string> | undefined;
    const run = async (ctx: ChatContext) => {
      try {
        return await spec.submit(ctx, parsed.data, context);
      } catch (error) {
        if (error instanceof InvalidInput && Object.keys(error.fieldErrors).every((f) => f in spec.schema.shape)) {
          errors = formatFieldErrors(error, ctx.actor.timeZone);
          return [refusal(Object.values(errors).join(" "))];
        }
        throw error;
      }
    };
    const views = await this.guard(identity, { form: formId }, run, requestKey);
    return errors ? { ok: false, errors } : { ok: true, views };
  }

  /** Runs a request once per `requestKey` (see core/requests.ts); a copy is answered with nothing. */
  private async guard(
    identity: IdentityRef,
    what: Record<string, string>,
    fn: (ctx: ChatContext) => Promise<View[]>,
    requestKey: string | undefined,
  ): Promise<View[]> {
    // When the database cannot say, the request goes ahead: its first change records it (or meets a copy).
    const known = requestKey ? await seenBefore(this.core, requestKey).catch(() => false) : false;
    if (known) return [];
    const request = requestKey ? { key: requestKey, recorded: false } : undefined;
    const views = await this.answer(identity, what, fn, request);
    // Answered without a change: recorded now, so that a copy is not answered twice. A refusal is not.
    if (request && !request.recorded && !isRefusal(views) && views.length > 0) await this.firstTime(request.key);
    return views;
  }

  /** Persons' errors become sentences; ours are logged with an id. */
  private async answer(
    identity: IdentityRef,
    what: Record<string, string>,
    fn: (ctx: ChatContext) => Promise<View[]>,
    request: RequestOnce | undefined,
  ): Promise<View[]> {
    // Until the person is known, a refusal is read in UTC; after, in their own zone.
    let zone = "UTC";
    try {
      const actor = await resolveActor(this.core, identity);
      zone = actor.timeZone;
      if (request) actor.request = request;
      return await fn({ core: this.core, actor, log: this.log });
    } catch (error) {
      if (error instanceof DuplicateRequest) return [];
      if (error instanceof Refusal) return [refusal(formatWords(error.words, zone), error.reason)];
      if (error instanceof InvalidInput) {
        return [refusal(Object.values(formatFieldErrors(error, zone)).join(" "), "invalid")];
      }
      // Not a bug of ours: the person can only wait, and the log needs no error id.
      if (isDatabaseUnavailable(error)) {
        this.log.warn({ err: error, identity, ...what }, "request refused: database unavailable");
        return [refusal(DATABASE_UNAVAILABLE)];
      }
      const errorId = newErrorId();
      this.log.error({ err: error, errorId, identity, ...what }, "request failed");
      return [ourFailure(errorId)];
    }
  }
}

/** The answer to a failure of ours: the person gets an id to quote, the log has the details. */
export const ourFailure = (errorId: string): MessageView =>
  refusal(
    "Sorry, something went wrong on our side. Nothing was changed. " +
      `If it happens again, give the team this error id: ${errorId}.`,
  );

/** A view as the outbox keeps it: plain JSON (views hold only strings, numbers, arrays and objects). */
const toJson = (view: Omit<MessageView, "files">): Record<string, unknown> => JSON.parse(JSON.stringify(view));

const formatFieldErrors = (error: InvalidInput, zone: string): Record<string, string> =>
  Object.fromEntries(Object.entries(error.fieldErrors).map(([field, words]) => [field, formatWords(words, zone)]));

/**
 * Whether a command or a button may be answered with a form: only one that declares the form it opens can be
 * (see Answering in command-tree.ts). Discord opens a form only as the first response, so it must not defer
 * such a request before knowing the answer; every other request it defers at once.
 */
export function mayOpenForm(request: CommandRequest | ActionRequest): boolean {
  if (request.kind === "action") return findAction(request.action)?.form !== undefined;
  const parsed = resolveCommand(request);
  return parsed.ok && parsed.spec.form !== undefined;
}

/** A refusal: one or more views, every one an error message. */
export const isRefusal = (views: View[]): boolean =>
  views.length > 0 && views.every((v) => v.type === "message" && v.tone === "error");
