// Filling in a form a few fields at a time, for platforms without a form control that holds them all: the
// console asks one field per line, Discord five per modal step. Each answer is checked as it comes, with
// the form's own check of that field and, for a pick list, its options, so both platforms say the same
// sentence for the same mistake; the whole form is then submitted through the chat layer, and a field the
// submission refuses is asked again while every other answer is kept.
import { checkField, findForm, resolveOption, type FormSpec } from "./forms.js";
import { submissionRequest, type IdentityRef, type SubmissionRequest } from "./requests.js";
import type { Field, FormView, SubmitResult } from "./views.js";

/** Where a filled-in form goes: the chat layer (Chat.handle). */
export interface FormSubmitter {
  handle(from: IdentityRef, request: SubmissionRequest, requestKey?: string): Promise<SubmitResult>;
}

/** Up to this many options are named in the sentence that asks for one of them; more are given by range. */
const NAMED_OPTIONS = 10;

/** The sentence for an answer that names none of a pick list's options. */
export function notAnOption(field: Field): string {
  const options = field.options ?? [];
  const which =
    options.length <= NAMED_OPTIONS
      ? options.map((o, i) => `${i + 1} (${o.label})`).join(", ")
      : `1 to ${options.length}, by number or name`;
  return `${field.label}: choose one of ${which}.`;
}

/**
 * One answer read as the field's value: a pick list's number, value or label becomes the option's value.
 * `problem` says what is wrong with it.
 */
export function readAnswer(
  spec: FormSpec | undefined,
  field: Field,
  answer: string,
): { value: string; problem?: string } {
  let value = answer.trim();
  if (field.options?.length && (value !== "" || field.required)) {
    const picked = resolveOption(field, value);
    if (picked === undefined) return { value, problem: notAnOption(field) };
    value = picked;
  }
  // A field needed in this context though its schema takes none (see Presentation) is asked again when blank.
  const problem =
    (spec ? checkField(spec, field.id, value) : undefined) ??
    (field.required && value === "" ? `${field.label} is needed.` : undefined);
  return problem ? { value, problem } : { value };
}

/** A FormFilling as plain JSON, kept between steps (see core/drafts.ts): its form, answers and fields to ask. */
export interface FillingState {
  view: FormView;
  values: Record<string, string>;
  /** The ids of the fields still to ask, in the order they will be asked. */
  queue: string[];
}

export class FormFilling {
  /** The answers so far, by field id (a refused one too, so a platform can offer it again to correct). */
  readonly values: Record<string, string> = {};
  private queue: Field[];
  private readonly spec: FormSpec | undefined;

  /**
   * `blankKeepsInitial`: a platform that cannot put a field's initial value in the input (the console
   * shows it as "[now: …]") takes a blank answer as that value; one that prefills the input (Discord)
   * takes a blank answer as the person clearing it.
   */
  constructor(
    readonly view: FormView,
    private readonly options: { blankKeepsInitial?: boolean } = {},
  ) {
    this.queue = [...view.fields];
    this.spec = findForm(view.form);
  }

  /** Where this filling stands, as plain JSON. */
  state(): FillingState {
    return { view: this.view, values: { ...this.values }, queue: this.queue.map((f) => f.id) };
  }

  /** The filling a `state()` described, to go on from where it stood. */
  static restore(state: FillingState, options: { blankKeepsInitial?: boolean } = {}): FormFilling {
    const filling = new FormFilling(state.view, options);
    Object.assign(filling.values, state.values);
    filling.queue = state.queue.flatMap((id) => state.view.fields.filter((f) => f.id === id));
    return filling;
  }

  /** The next fields to ask, at most `count`: fields to correct first, then those not asked yet. */
  next(count = 1): Field[] {
    return this.queue.slice(0, count);
  }

  /** Fields still to ask. */
  get remaining(): number {
    return this.queue.length;
  }

  /** No field has been answered yet. */
  get untouched(): boolean {
    return this.queue.length === this.view.fields.length && Object.keys(this.values).length === 0;
  }

  /** Every field has an accepted answer: the form can be submitted. */
  get complete(): boolean {
    return this.queue.length === 0;
  }

  /**
   * Answers to fields still to ask, by field id (answers to other fields are ignored). Returns each refused
   * answer's problem by field id, empty when all were accepted; refused fields are asked next.
   */
  answer(answers: Record<string, string>): Record<string, string> {
    const problems: Record<string, string> = {};
    const answered = new Set<string>();
    for (const field of this.queue) {
      let given = answers[field.id];
      if (given === undefined) continue;
      if (this.options.blankKeepsInitial && given.trim() === "" && field.initial) given = field.initial;
      const { value, problem } = readAnswer(this.spec, field, given);
      this.values[field.id] = value;
      answered.add(field.id);
      if (problem) problems[field.id] = problem;
    }
    // Rules across fields, over the answers accepted so far: a problem is the field's just answered.
    const refusedBefore = new Set(this.queue.map((f) => f.id).filter((id) => !answered.has(id)));
    const accepted = Object.fromEntries(
      Object.entries(this.values).filter(([id]) => !(id in problems) && !refusedBefore.has(id)),
    );
    for (const [id, problem] of Object.entries(this.spec?.checkSoFar?.(accepted) ?? {}))
      if (answered.has(id) && problem && !(id in problems)) problems[id] = problem;
    const failing = this.view.fields.filter((f) => f.id in problems);
    this.queue = [...failing, ...this.queue.filter((f) => !answered.has(f.id))];
    return problems;
  }

  /**
   * Submits the answers through the chat layer. When the form refuses some fields, those are asked again
   * (see `remaining`); a refusal that names no field of the form leaves nothing to ask.
   */
  async submit(chat: FormSubmitter, identity: IdentityRef, requestKey?: string): Promise<SubmitResult> {
    const { form, context } = this.view;
    const result = await chat.handle(identity, submissionRequest(form, context, { ...this.values }), requestKey);
    this.queue = result.ok ? [] : this.view.fields.filter((f) => f.id in result.errors);
    return result;
  }
}
