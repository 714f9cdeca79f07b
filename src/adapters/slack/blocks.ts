// Neutral message views as Block Kit, typed with Slack's own types and clipped or split to LIMITS.
import type { types } from "@slack/bolt";
import type { Button, Link, MessageView } from "../../chat/views.js";
import { clip, LIMITS } from "./limits.js";

export type KnownBlock = types.KnownBlock;
export type PlainTextElement = types.PlainTextElement;
type MrkdwnElement = types.MrkdwnElement;
type ActionsBlock = types.ActionsBlock;

export const plain = (text: string, max: number): PlainTextElement => ({
  type: "plain_text",
  text: clip(text, max),
  emoji: true,
});

/** Text limits count the characters sent: escaped first, then clipped. */
const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({
  type: "mrkdwn",
  text: clip(escape(text), max),
});

/** Slack reads &, < and > as markup; mentions we write ourselves stay. */
const escape = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/<(?!@[A-Z0-9]+>)/g, "&lt;")
    .replace(/(?<!<@[A-Z0-9]+)>/g, "&gt;");

/** Links as Slack writes them, `<url|label>`, with as many whole links as fit (a cut link would not work). */
function linkMarkup(links: Link[], max: number): string {
  // In a link, Slack reads &, < and > as markup and | as the end of the address.
  const url = (u: string) => u.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");
  const label = (l: string) => escape(l).replace(/\|/g, "/");
  let text = "Links:";
  for (const link of links) {
    const next = `${text} <${url(link.url)}|${label(link.label)}>`;
    if (next.length > max) break;
    text = next;
  }
  return text;
}

/** A button's action id names its action (the value carries the record), so one listener serves every button. */
export const buttonActionId = (button: Button, index: number) => clip(`${button.action}#${index}`, LIMITS.actionId);
export const actionFromId = (actionId: string) => actionId.replace(/#\d+$/, "");

function buttonRows(list: Button[], offset: number): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < list.length; i += LIMITS.actionsElements) {
    blocks.push({
      type: "actions",
      elements: list.slice(i, i + LIMITS.actionsElements).map((b, j) => ({
        type: "button",
        text: plain(b.label, LIMITS.buttonText),
        action_id: buttonActionId(b, offset + i + j),
        value: clip(b.value, LIMITS.buttonValue),
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }
  return blocks;
}

export function messageBlocks(view: MessageView, maxBlocks: number = LIMITS.messageBlocks): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let buttonCount = 0;
  if (view.title)
    blocks.push({
      type: "header",
      text: plain(`${view.tone === "error" ? "⚠️ " : ""}${view.title}`, LIMITS.headerText),
    });
  if (view.text)
    blocks.push({
      type: "section",
      text: mrkdwn(
        view.tone === "error" && !view.title
          ? `:warning: ${view.text}`
          : view.tone === "success"
            ? `:white_check_mark: ${view.text}`
            : view.text,
      ),
    });
  const sections = view.sections ?? [];
  for (const [index, section] of sections.entries()) {
    const part: KnownBlock[] = [];
    const heading = section.heading ? `*${section.heading}*` : "";
    const lines = (section.lines ?? []).join("\n");
    if (heading || lines) part.push({ type: "section", text: mrkdwn([heading, lines].filter(Boolean).join("\n")) });
    if (section.links?.length)
      part.push({ type: "section", text: { type: "mrkdwn", text: linkMarkup(section.links, LIMITS.sectionText) } });
    const fields = section.fields ?? [];
    for (let i = 0; i < fields.length; i += LIMITS.sectionFields) {
      part.push({
        type: "section",
        fields: fields
          .slice(i, i + LIMITS.sectionFields)
          .map(([label, value]) => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText)),
      });
    }
    part.push(...buttonRows(section.buttons ?? [], buttonCount));
    buttonCount += section.buttons?.length ?? 0;
    if (blocks.length + part.length + 2 > maxBlocks) {
      // Slack refuses more blocks; say what was left out and how to see it.
      blocks.push({
        type: "context",
        elements: [
          mrkdwn(
            `…and ${sections.length - index} more not shown here. ` +
              `Narrow the list (for example by project or status) to see them.`,
          ),
        ],
      });
      break;
    }
    blocks.push(...part);
    if (index < sections.length - 1) blocks.push({ type: "divider" });
  }
  if (view.buttons?.length && blocks.length < maxBlocks)
    blocks.push(...buttonRows(view.buttons, buttonCount).slice(0, maxBlocks - blocks.length));
  return blocks;
}

/** The text Slack shows in notifications and to screen readers. */
export const fallbackText = (view: Pick<MessageView, "title" | "text">) =>
  clip([view.title, view.text].filter(Boolean).join(": ") || "Mentorship bot", 3000);
