// One form definition serves every platform: its fields render as a Slack
// modal, Discord modal steps or console prompts, and one zod object schema
// validates the values on all of them. Each field declares its label, kind and
// schema together, so what a prompt asks and what validation accepts cannot drift.
import { z } from "zod";
import { refusal, type Field, type FieldKind, type FieldOption, type ListedBy, type View } from "./views.js";
import type { ChatContext } from "./context.js";

/** A form as the chat layer and the adapters use it: the fields a person sees, and the schema of their answers. */
export interface FormSpec<S extends z.ZodObject = z.ZodObject> {
  id: string;
  title: string;
  submitLabel: string;
  fields(ctx: ChatContext, context: string): Promise<Field[]>;
  schema: S;
  submit(ctx: ChatContext, values: z.infer<S>, context: string): Promise<View[]>;
  /** Rules across fields that can be checked as the fields are typed (see FormDecl.checkSoFar). */
  checkSoFar?(answers: Record<string, string>): Record<string, string>;
}

/** One field: what a person sees and the schema that reads their answer. Required unless the schema takes none. */
export interface FieldDecl<S extends z.ZodType = z.ZodType> {
  label: string;
  kind: FieldKind;
  schema: S;
  hint?: string | undefined;
  maxLength?: number | undefined;
  options?: FieldOption[] | undefined;
  initial?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  listedBy?: ListedBy | undefined;
}

export const field = <S extends z.ZodType>(
  label: string,
  kind: FieldKind,
  schema: S,
  extra: Omit<FieldDecl, "label" | "kind" | "schema"> = {},
): FieldDecl<S> => ({ label, kind, schema, ...extra });

/** A whole number field: its bounds go to the schema and to the platform's number input alike. */
export const numberField = (
  label: string,
  short: string,
  min: number,
  max: number,
  extra: Omit<FieldDecl, "label" | "kind" | "schema" | "min" | "max"> = {},
) => field(label, "number", integer(short, min, max), { min, max, ...extra });

type FieldDecls = Record<string, FieldDecl>;
type Shape<F extends FieldDecls> = { [K in keyof F & string]: F[K]["schema"] };

/**
 * What may depend on who asks and the form's context: current values, pick lists, a time zone in a label, and
 * whether a field the schema lets be empty is needed here (a task's evidence link where no file can be sent).
 */
export type Presentation = Partial<Pick<Field, "label" | "hint" | "initial" | "options" | "required">>;

export interface FormDecl<F extends FieldDecls> {
  id: string;
  title: string;
  submitLabel: string;
  /** In the order they are asked. */
  fields: F;
  present?(
    ctx: ChatContext,
    context: string,
  ): Promise<{ [K in keyof F]?: Presentation }> | { [K in keyof F]?: Presentation };
  /** Rules across fields, after each field's own. */
  refine?(schema: z.ZodObject<Shape<F>>): z.ZodObject<Shape<F>>;
  /**
   * Rules across fields checked while the form is filled in a field or a few at a time (the console,
   * Discord's steps), so a mistake is named when typed, not after the last field: the answers so far, each
   * accepted by its own field's check, to problems by field id. The submission checks them all again.
   */
  checkSoFar?(answers: { [K in keyof F]?: string }): { [K in keyof F]?: string };
  submit(ctx: ChatContext, values: z.infer<z.ZodObject<Shape<F>>>, context: string): Promise<View[]>;
}

const registry = new Map<string, FormSpec>();

export function defineForm<F extends FieldDecls>(decl: FormDecl<F>): FormSpec<z.ZodObject<Shape<F>>> {
  if (registry.has(decl.id)) throw new Error(`Form ${decl.id} is defined twice`);
  const declared = Object.entries(decl.fields);
  const object = z.object(Object.fromEntries(declared.map(([id, f]) => [id, f.schema])) as Shape<F>);
  const spec: FormSpec<z.ZodObject<Shape<F>>> = {
    id: decl.id,
    title: decl.title,
    submitLabel: decl.submitLabel,
    schema: decl.refine ? decl.refine(object) : object,
    fields: async (ctx, context) => {
      const shown: Record<string, Presentation | undefined> = (await decl.present?.(ctx, context)) ?? {};
      return declared.map(([id, { schema, label, kind, ...extra }]) => ({
        id,
        label,
        kind,
        required: !schema.safeParse(undefined).success,
        ...extra,
        ...shown[id],
      }));
    },
    submit: decl.submit,
    ...(decl.checkSoFar ? { checkSoFar: decl.checkSoFar as FormSpec["checkSoFar"] } : {}),
  };
  registry.set(decl.id, spec as unknown as FormSpec);
  return spec;
}

export function findForm(id: string): FormSpec | undefined {
  return registry.get(id);
}

/** Every form, for tests that must reach each one. */
export function allForms(): readonly FormSpec[] {
  return [...registry.values()];
}

/**
 * The form as this person sees it, ready for an adapter to render. A pick list with nothing to pick would
 * make Slack refuse the whole modal and leave the person nothing to answer, so such a form is refused here,
 * the one place every form passes through, with a sentence naming the field.
 */
export async function buildForm(ctx: ChatContext, formId: string, context = ""): Promise<View> {
  const spec = findForm(formId);
  if (!spec) throw new Error(`Unknown form ${formId}`);
  const fields = await spec.fields(ctx, context);
  const empty = fields.find((f) => f.kind === "select" && !f.options?.length);
  if (empty) return refusal(`There is nothing to choose as ${empty.label.toLowerCase()} right now.`, "not_now");
  return { type: "form", form: spec.id, title: spec.title, submitLabel: spec.submitLabel, fields, context };
}

/**
 * A typed answer to a pick list (the console), or a platform's current value: its
 * number, value or label. Undefined when it names no option.
 */
export function resolveOption(field: Field, answer: string): string | undefined {
  const options = field.options ?? [];
  const byNumber = /^\d+$/.test(answer) ? options[Number(answer) - 1] : undefined;
  if (byNumber) return byNumber.value;
  const lower = answer.toLowerCase();
  const exact = options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower);
  if (exact) return exact.value;
  // Read loosely only when that names one option: two projects of one name in two terms stay apart.
  const typed = loosely(answer);
  const near = options.filter((o) => loosely(o.value) === typed || loosely(o.label) === typed);
  return near.length === 1 ? near[0]!.value : undefined;
}

/**
 * An option's words as a person may type them: case, dashes, underscores and spacing aside, and without the
 * label's closing remark ("Part-time (24 weeks)", "part-time", "part_time" and "Part time" are one).
 */
const loosely = (words: string): string =>
  words
    .toLowerCase()
    .replace(/\s*\([^)]*\)\s*$/, "")
    .replace(/[-_\s]+/g, " ")
    .trim();

/** Per-field messages from a failed parse, keyed by field id. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Checks one field alone, as the console does after each answer. */
export function checkField(spec: FormSpec, fieldId: string, value: string): string | undefined {
  const fieldSchema = spec.schema.shape[fieldId] as z.ZodType | undefined;
  if (!fieldSchema) return undefined;
  const result = fieldSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

// ---------------------------------------------------------------- field schemas
// Values arrive as strings from every platform; these read them.

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const text = (label: string, max = 3000) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

export const optionalText = (max = 3000) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `At most ${max} characters.`).optional());

/** Free comments, which may be left empty (surveys). */
export const comments = (max = 3000) =>
  z.string().trim().max(max, `Comments must be at most ${max} characters.`).default("");

/** An optional link: a page, or the address a platform keeps an uploaded file at. */
export const link = (label: string, max = 500) =>
  optionalText(max).refine(
    (v) => v === undefined || /^https?:\/\/\S+$/.test(v),
    `${label} must be a link starting with http:// or https://.`,
  );

export const list = (label: string, { min = 0, max = 30 } = {}) =>
  z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine(
      (items) => items.length >= min,
      min === 1 ? `Give at least one ${label}.` : `Give at least ${min} ${label}s.`,
    )
    .refine((items) => items.length <= max, `At most ${max} ${label}s.`);

export const integer = (label: string, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: `${label} must be a whole number from ${min} to ${max}.` })
      .int(`${label} must be a whole number from ${min} to ${max}.`)
      .min(min, `${label} must be a whole number from ${min} to ${max}.`)
      .max(max, `${label} must be a whole number from ${min} to ${max}.`),
  );

export const optionalInteger = (label: string, min: number, max: number) =>
  z.preprocess(blankToUndefined, integer(label, min, max).optional());

export const money = (label: string) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, `${label} must be an amount such as 3000 or 1500.50.`)
    .transform((value) => Math.round(Number(value) * 100));

export const optionalMoney = (label: string) => z.preprocess(blankToUndefined, money(label).optional());

export const localDate = (label: string) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date as YYYY-MM-DD.`)
    // Date.parse rolls 2027-02-30 over to March 2; the calendar (and luxon, later) does not.
    .refine((value) => {
      const instant = Date.parse(`${value}T00:00:00Z`);
      return !Number.isNaN(instant) && new Date(instant).toISOString().startsWith(value);
    }, `${label} is not a real date.`);

/**
 * A date and a time: typed as `YYYY-MM-DD HH:MM` (read in the person's zone by the command), or the instant a
 * platform's picker gives (Slack's `datetimepicker`, as `YYYY-MM-DDTHH:MM:SSZ`). No form asks for one yet.
 */
export const localDateTime = (label: string) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .regex(
      /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}|T\d{2}:\d{2}(:\d{2})?Z)$/,
      `${label} must be a date and time as YYYY-MM-DD HH:MM.`,
    )
    .refine((value) => {
      const [date, time] = value.replace("T", " ").replace("Z", "").split(" ");
      // A value of another shape is refused by the pattern above, with its own words.
      if (!date || !time) return true;
      const instant = Date.parse(`${date}T${time.slice(0, 5)}:00Z`);
      return !Number.isNaN(instant) && new Date(instant).toISOString().startsWith(`${date}T${time.slice(0, 5)}`);
    }, `${label} is not a real date and time.`);

export const choice = <const T extends string>(label: string, values: readonly [T, ...T[]]) =>
  z.enum(values, { message: `Choose ${label}: ${values.join(", ")}.` });

export const yesNo = (label: string) =>
  z
    .string({ message: `${label}: answer yes or no.` })
    .trim()
    .toLowerCase()
    .refine((value) => ["yes", "no", "y", "n", "true", "false"].includes(value), `${label}: answer yes or no.`)
    .transform((value) => value.startsWith("y") || value === "true");

export const timeZone = z
  .string({ message: "Time zone is required." })
  .trim()
  .refine((value) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      return value.length > 0;
    } catch {
      return false;
    }
  }, "Time zone must be an IANA name such as Europe/Berlin, America/New_York or UTC.");

export const urlList = (label: string, { min = 0, max = 10 } = {}) =>
  list(label, { min, max }).refine(
    (items) => items.every((item) => /^https?:\/\/\S+$/.test(item)),
    `Each ${label} must start with http:// or https://.`,
  );
