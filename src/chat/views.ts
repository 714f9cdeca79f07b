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
  buttons?: Button[];
}

/** A document that comes with a message (a Letter of Completion, a CSV ledger). */
export interface Attachment {
  name: string;
  mimeType: string;
  content: Buffer;
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

/** "people": a list of mentions, which a platform can offer as a people picker. */
export type FieldKind = "text" | "textarea" | "select" | "number" | "date" | "datetime" | "list" | "people";

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
