// Long lists in pages, so every item and its buttons can be reached on Slack and Discord, whose messages hold
// a few thousand characters and 25 buttons. A page is cut from the whole list the same way each time it is
// drawn, and its Previous/Next buttons run the command again for the page asked. The console shows the whole
// list: a terminal scrolls.
import { defineAction } from "./actions.js";
import { STALE_BUTTON } from "./hygiene.js";
import { parseCommand } from "./command-tree.js";
import type { ChatContext } from "./context.js";
import { type Button, type MessageView, type Section, refusal, type View } from "./views.js";

/** What one page may hold: below Discord's 25 buttons (two are Previous/Next) and its 6,000 characters. */
export const PAGE = { sections: 5, buttons: 23, characters: 4_000 } as const;

const sizeOf = (s: Section) =>
  (s.heading?.length ?? 0) +
  Math.min(1_024, [...(s.lines ?? []), ...(s.fields ?? []).map(([k, v]) => `${k}: ${v}`)].join("\n").length);

/** The sections of each page, cut greedily: a page takes sections while they fit, and at least one. */
export function pagesOf(sections: Section[]): Section[][] {
  const pages: Section[][] = [];
  let page: Section[] = [];
  let buttons = 0;
  let characters = 0;
  for (const section of sections) {
    const b = section.buttons?.length ?? 0;
    const c = sizeOf(section);
    const full = page.length >= PAGE.sections || buttons + b > PAGE.buttons || characters + c > PAGE.characters;
    if (page.length > 0 && full) {
      pages.push(page);
      page = [];
      buttons = 0;
      characters = 0;
    }
    page.push(section);
    buttons += b;
    characters += c;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/**
 * The views of a command as one page of each long list: page `page` (from 1; past the end, the last),
 * with a line saying which page it is and buttons to the pages beside it. `line` is the command as typed,
 * which the buttons run again.
 */
export function paged(views: View[], line: string, page: number): View[] {
  return views.map((view) => {
    if (view.type !== "message" || !view.sections) return view;
    const pages = pagesOf(view.sections);
    if (pages.length <= 1) return view;
    const index = Math.min(Math.max(page, 1), pages.length) - 1;
    const nav: Button[] = [];
    if (index > 0) nav.push({ label: "Previous", action: PAGE_ACTION, value: pageValue(index, line) });
    if (index < pages.length - 1) nav.push({ label: "Next", action: PAGE_ACTION, value: pageValue(index + 2, line) });
    const shown = pages[index]!;
    const first = pages.slice(0, index).reduce((n, p) => n + p.length, 0) + 1;
    const last = first + shown.length - 1;
    const where = `Page ${index + 1} of ${pages.length}: ${first}–${last} of ${view.sections.length}.`;
    const onePage: MessageView = {
      ...view,
      text: view.text ? `${view.text}\n${where}` : where,
      sections: shown,
      buttons: [...(view.buttons ?? []), ...nav],
    };
    return onePage;
  });
}

const PAGE_ACTION = "page";
const pageValue = (page: number, line: string) => `${page}|${line}`;

defineAction({
  id: PAGE_ACTION,
  run: async (ctx: ChatContext, value: string) => {
    const [number, ...rest] = value.split("|");
    const line = rest.join("|");
    const parsed = parseCommand(line);
    if (!parsed.ok || !/^\d{1,5}$/.test(number ?? "")) {
      return [refusal(STALE_BUTTON)];
    }
    return paged(await parsed.spec.run(ctx, parsed.args), line, Number(number));
  },
});
