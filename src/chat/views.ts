// The neutral view model. Handlers return these; each adapter renders them in
// its platform's UI (Block Kit, Discord components, the console's text).

export interface Button {
  label: string;
  /** An action id registered in chat/actions. */
  action: string;
  value: string;
  style?: "primary" | "danger";
}

export interface Section {
  heading?: string;
  lines?: string[];
  /** Short label/value pairs shown side by side where the platform can. */
  fields?: [string, string][];
  /** Web links (http or https), each shown as a link with its label where the platform can. */
  links?: Link[];
  buttons?: Button[];
}

export interface Link {
  label: string;
  url: string;
}

/** A document that comes with a message (a Letter of Completion, a CSV export, the digest's chart). */
export interface Attachment {
  name: string;
  mimeType: string;
  content: Buffer;
  /** An image's description for screen readers. */
  altText?: string;
}

export interface MessageView {
  type: "message";
  tone?: "info" | "success" | "error";
  /** Why a refusal refused (who may do it, or why not now); adapters show only its words. */
  refused?: RefusalReason;
  title?: string;
  text?: string;
  sections?: Section[];
  buttons?: Button[];
  files?: Attachment[];
}

/**
 * What a field is, so each platform can offer its own control: "person"/"people" one or several mentions (a
 * people picker), "select" a pick list of `options`, "number" a whole number within `min`/`max`, "url" one
 * link, "yesno" a yes/no answer, "date" YYYY-MM-DD, "list" comma-separated words typed in, "file" one uploaded
 * file, whose answer is the link the platform keeps it at (typed as a link where nothing can be uploaded).
 */
export type FieldKind =
  | "text"
  | "textarea"
  | "select"
  | "number"
  | "date"
  | "datetime"
  | "list"
  | "person"
  | "people"
  | "url"
  | "yesno"
  | "file";

/** A pick list of at most this many options shows them all at once (radio buttons) on Slack and Discord alike. */
export const FEW_OPTIONS = 5;

export interface FieldOption {
  label: string;
  value: string;
}

export interface Field {
  id: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  hint?: string;
  options?: FieldOption[];
  initial?: string;
  maxLength?: number;
  /** A number field's bounds. */
  min?: number;
  max?: number;
  /** A pick list that can outgrow a platform's select: the list the person can pick from instead. */
  listedBy?: ListedBy;
}

/**
 * Where a long pick list's options are listed, each with a button that opens the form with it chosen, and the
 * command option that names one as the person types (for Discord, whose select holds 25 options).
 */
export interface ListedBy {
  /** The command listing the options ("projects"). */
  command: string;
  /** What they are, in the plural ("open projects"). */
  items: string;
  /** The label of the button that picks one ("Apply"). */
  button: string;
  /** The command and its option that name one ("apply project"). */
  option: string;
}

export interface FormView {
  type: "form";
  form: string;
  title: string;
  submitLabel: string;
  fields: Field[];
  /** Opaque context the submission carries back (e.g. the application id). */
  context: string;
}

export type View = MessageView | FormView;

export type SubmitResult = { ok: true; views: View[] } | { ok: false; errors: Record<string, string> };

export const message = (text: string, extra: Omit<MessageView, "type" | "text"> = {}): MessageView => ({
  type: "message",
  text,
  ...extra,
});

export type RefusalReason = "not_allowed" | "not_now" | "not_found" | "conflict" | "invalid";

export const refusal = (text: string, refused?: RefusalReason): MessageView => ({
  type: "message",
  tone: "error",
  text,
  ...(refused ? { refused } : {}),
});
