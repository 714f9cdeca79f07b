// Small helpers the conversation handlers share.
import type { Field, FieldKind, MessageView } from "../views.js";
import { formatInstant } from "../format.js";
import type { ChatContext } from "../context.js";

export function field(id: string, label: string, kind: FieldKind, extra: Partial<Field> = {}): Field {
  return { id, label, kind, required: true, ...extra };
}

export const optional = (f: Field): Field => ({ ...f, required: false });

export const when = (ctx: ChatContext, instant: Date) => formatInstant(instant, ctx.actor.timeZone);

export const success = (text: string, extra: Omit<MessageView, "type" | "text" | "tone"> = {}): MessageView => ({
  type: "message",
  tone: "success",
  text,
  ...extra,
});

export const info = (title: string, extra: Omit<MessageView, "type" | "title"> = {}): MessageView => ({
  type: "message",
  title,
  ...extra,
});
