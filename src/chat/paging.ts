// Long lists in pages, so every item and its buttons can be reached on Slack and Discord, whose messages hold
// 50 blocks, 10 embeds, a few thousand characters and 25 buttons. An answer of several views (the dashboard,
// the digest) is one list of their sections: a page is cut from it the same way each time it is drawn, each
// view shown with the part of it that falls on the page, and the page's Previous/Next buttons run the command
// again for the page asked. The console shows the whole list: a terminal scrolls.
import { defineAction } from "./actions.js";
import { STALE_BUTTON } from "./hygiene.js";
import { parseCommand } from "./command-tree.js";
import type { ChatContext } from "./context.js";
import { type Button, type MessageView, type Section, refusal, type View } from "./views.js";

/**
 * What one page may hold: below Discord's 25 buttons (two are Previous/Next), its 10 embeds and 6,000
 * characters, and Slack's 50 blocks (each view's title and text, and per section its text, links, fields,
 * buttons and divider, as `slack/blocks.ts` draws them; a few kept for the page's own line and buttons).
 */
export const PAGE = { sections: 5, buttons: 23, characters: 4_000, views: 9, blocks: 44 } as const;

/** What a page may hold; a posted message (the digest in a channel) takes more sections than a list's page. */
export type Limits = { readonly [K in keyof typeof PAGE]: number };

/** A page's action: its value is `page|command line`. */
export const PAGE_ACTION = "page";

const sizeOf = (s: Section) =>
  (s.heading?.length ?? 0) +
  Math.min(1_024, [...(s.lines ?? []), ...(s.fields ?? []).map(([k, v]) => `${k}: ${v}`)].join("\n").length);

const blocksOf = (s: Section) =>
  1 +
  (s.links?.length ? 1 : 0) +
  Math.ceil((s.fields?.length ?? 0) / 10) +
  Math.ceil((s.buttons?.length ?? 0) / 25) +
  1;

const headOf = (v: MessageView) => ({
  characters: (v.title?.length ?? 0) + (v.text?.length ?? 0),
  blocks: (v.title ? 1 : 0) + (v.text ? 1 : 0) + Math.ceil((v.buttons?.length ?? 0) / 25),
  buttons: v.buttons?.length ?? 0,
});

/** One thing a page shows: a section of a view, or a view that has none. */
interface Unit {
  view: number;
  section?: Section;
}

/** The units of each page, cut greedily: a page takes units while they fit, and at least one. */
function cut(views: MessageView[], units: Unit[], limits: Limits = PAGE): Unit[][] {
  const pages: Unit[][] = [];
  let page: Unit[] = [];
  let used = { sections: 0, buttons: 0, characters: 0, views: 0, blocks: 0 };
  let lastView = -1;
  for (const unit of units) {
    const view = views[unit.view]!;
    // A view's head (title, text, its own buttons) comes again on every page that shows part of it.
    const head = unit.view === lastView && page.length > 0 ? undefined : headOf(view);
    const cost = {
      sections: unit.section ? 1 : 0,
      buttons: (unit.section?.buttons?.length ?? 0) + (head?.buttons ?? 0),
      characters: (unit.section ? sizeOf(unit.section) : 0) + (head?.characters ?? 0),
      views: head ? 1 : 0,
      blocks: (unit.section ? blocksOf(unit.section) : 0) + (head?.blocks ?? 0),
    };
    const full =
      used.sections + cost.sections > limits.sections ||
      used.buttons + cost.buttons > limits.buttons ||
      used.characters + cost.characters > limits.characters ||
      used.views + cost.views > limits.views ||
      used.blocks + cost.blocks > limits.blocks;
    if (page.length > 0 && full) {
      pages.push(page);
      page = [];
      const fresh = headOf(view);
      used = {
        sections: cost.sections,
        buttons: (unit.section?.buttons?.length ?? 0) + fresh.buttons,
        characters: (unit.section ? sizeOf(unit.section) : 0) + fresh.characters,
        views: 1,
        blocks: (unit.section ? blocksOf(unit.section) : 0) + fresh.blocks,
      };
    } else {
      used = {
        sections: used.sections + cost.sections,
        buttons: used.buttons + cost.buttons,
        characters: used.characters + cost.characters,
        views: used.views + cost.views,
        blocks: used.blocks + cost.blocks,
      };
    }
    page.push(unit);
    lastView = unit.view;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

const unitsOf = (views: MessageView[]): Unit[] =>
  views.flatMap((view, index): Unit[] =>
    view.sections?.length ? view.sections.map((section) => ({ view: index, section })) : [{ view: index }],
  );

/** The sections of each page of one view's list. */
export function pagesOf(sections: Section[]): Section[][] {
  if (sections.length === 0) return [];
  const view: MessageView = { type: "message", sections };
  return cut([view], unitsOf([view])).map((page) => page.map((u) => u.section!));
}

/** A page of views: `where` is the page's own line ("Page 2 of 4: 6–10 of 18."), `nav` its buttons. */
export interface Page {
  views: MessageView[];
  number: number;
  count: number;
  /** The sections shown, from 1, and of how many. */
  first: number;
  last: number;
  total: number;
}

/** Every page of an answer of several message views, each view with the part of its sections on the page. */
export function pagesOfViews(views: MessageView[], limits: Limits = PAGE): Page[] {
  const units = unitsOf(views);
  const total = units.filter((u) => u.section).length;
  const cuts = cut(views, units, limits);
  let before = 0;
  return cuts.map((page, index) => {
    // Consecutive units of one view are shown as that view with those sections.
    const groups: { view: number; sections: Section[] }[] = [];
    for (const unit of page) {
      const group = groups.at(-1)?.view === unit.view ? groups.at(-1)! : undefined;
      const sections = unit.section ? [unit.section] : [];
      if (group) group.sections.push(...sections);
      else groups.push({ view: unit.view, sections });
    }
    const shown = groups.map(({ view, sections }): MessageView => {
      const { sections: _all, ...head } = views[view]!;
      return sections.length ? { ...head, sections } : head;
    });
    const sections = page.filter((u) => u.section).length;
    const first = before + 1;
    before += sections;
    return { views: shown, number: index + 1, count: cuts.length, first, last: before, total };
  });
}

/** "Page 2 of 4: 6–10 of 18." (a page of views without sections says only which page it is). */
export const pageLine = (p: Page) =>
  p.last >= p.first
    ? `Page ${p.number} of ${p.count}: ${p.first}–${p.last} of ${p.total}.`
    : `Page ${p.number} of ${p.count}.`;

/**
 * The views of a command as one page: page `page` (from 1; past the end, the last), with a line saying which
 * page it is and buttons to the pages beside it. `line` is the command as typed, which the buttons run again.
 * An answer that fits one page, or that opens a form, is left as it is.
 */
export function paged(views: View[], line: string, page: number): View[] {
  if (views.some((v) => v.type !== "message")) return views;
  const pages = pagesOfViews(views as MessageView[]);
  if (pages.length <= 1) return views;
  const shown = pages[Math.min(Math.max(page, 1), pages.length) - 1]!;
  const index = shown.number - 1;
  const nav: Button[] = [];
  if (index > 0) nav.push({ label: "Previous", action: PAGE_ACTION, value: pageValue(index, line) });
  if (index < pages.length - 1) nav.push({ label: "Next", action: PAGE_ACTION, value: pageValue(index + 2, line) });
  const where = pageLine(shown);
  return shown.views.map((view, i) => {
    const first = i === 0 ? { text: view.text ? `${view.text}\n${where}` : where } : {};
    const last = i === shown.views.length - 1 ? { buttons: [...(view.buttons ?? []), ...nav] } : {};
    return { ...view, ...first, ...last };
  });
}

const pageValue = (page: number, line: string) => `${page}|${line}`;

/** The page a page button asks for and the command it runs again, or undefined for a value we did not make. */
export function pageRequest(value: string): { page: number; line: string } | undefined {
  const [number, ...rest] = value.split("|");
  if (!/^\d{1,5}$/.test(number ?? "")) return undefined;
  return { page: Number(number), line: rest.join("|") };
}

defineAction({
  id: PAGE_ACTION,
  run: async (ctx: ChatContext, value: string) => {
    const asked = pageRequest(value);
    const parsed = asked && parseCommand(asked.line);
    if (!asked || !parsed?.ok) return [refusal(STALE_BUTTON)];
    const views = paged(await parsed.spec.run(ctx, parsed.args), asked.line, asked.page);
    // Only a list has pages: a page button never opens a form, so Discord can defer it at once.
    return views.every((v): v is MessageView => v.type === "message") ? views : [refusal(STALE_BUTTON)];
  },
});
