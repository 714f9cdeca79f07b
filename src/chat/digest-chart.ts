// The digest's chart: three small bar groups in one PNG (the term's application funnel, its evaluations per
// checkpoint by outcome, its stipend payments by state), drawn as SVG here and rendered by resvg compiled to
// WebAssembly, with DejaVu Sans from npm: no browser, no native binary, no system fonts, the same pixels on
// every machine. The same figures come as sentences (chartLines) for the digest's text and the image's alt text.
// The picture holds only our own words and short names (a program's and a term's, which are ASCII), so the one
// bundled font covers every character in it; names people chose in any script stay in the text.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import type { ChartFigures } from "../core/digest.js";
import type { Attachment } from "./views.js";

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 400;

const COLORS = {
  funnel: "#3b6fb6",
  pass: "#2e8b57",
  extend: "#d08c00",
  fail: "#c0392b",
  pending_approval: "#d08c00",
  approved: "#3b6fb6",
  declined: "#c0392b",
  paid: "#2e8b57",
  text: "#1f2328",
  muted: "#59636e",
  rule: "#d0d7de",
};

const PAYMENT_LABELS = { pending_approval: "To approve", approved: "Approved", declined: "Declined", paid: "Paid" };

/** The figures in words, one sentence per group, in the chart's order. */
export function chartLines(c: ChartFigures): string[] {
  const f = c.funnel;
  const p = c.payments;
  return [
    `Applications: ${f.applied} applied, ${f.prerequisitesDone} with every prerequisite done, ` +
      `${f.accepted} accepted, ${f.completed} completed.`,
    ...(c.checkpoints.length
      ? c.checkpoints.map((k) => `${k.name}: ${k.pass} passed, ${k.extend} extended, ${k.fail} failed.`)
      : ["No checkpoints."]),
    `Stipend payments: ${p.pending_approval} to approve, ${p.approved} approved, ${p.declined} declined, ` +
      `${p.paid} paid.`,
  ];
}

interface Bar {
  value: number;
  color: string;
}

interface Group {
  /** One or two lines under the group. */
  label: string[];
  bars: Bar[];
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

const PANEL_WIDTH = 280;
const PLOT_TOP = 110;
const PLOT_BOTTOM = 320;

/** One panel: a title, bar groups on a baseline scaled to the panel's largest value, each bar's value above it. */
function panel(x: number, title: string, groups: Group[]): string {
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const groupWidth = PANEL_WIDTH / Math.max(1, groups.length);
  const parts = [
    `<text x="${x}" y="80" font-size="17" font-weight="bold" fill="${COLORS.text}">${escape(title)}</text>`,
    `<line x1="${x}" y1="${PLOT_BOTTOM}" x2="${x + PANEL_WIDTH}" y2="${PLOT_BOTTOM}" stroke="${COLORS.rule}"/>`,
  ];
  groups.forEach((group, g) => {
    const barWidth = Math.min(44, (groupWidth - 12) / group.bars.length);
    const left = x + g * groupWidth + (groupWidth - barWidth * group.bars.length) / 2;
    group.bars.forEach((bar, b) => {
      const height = Math.round(((PLOT_BOTTOM - PLOT_TOP) * bar.value) / max);
      const bx = left + b * barWidth;
      const center = bx + barWidth / 2;
      parts.push(
        `<rect x="${bx + 1}" y="${PLOT_BOTTOM - height}" width="${barWidth - 2}" height="${height}" ` +
          `fill="${bar.color}"/>`,
        `<text x="${center}" y="${PLOT_BOTTOM - height - 6}" font-size="13" text-anchor="middle" ` +
          `fill="${COLORS.text}">${bar.value}</text>`,
      );
    });
    const center = x + g * groupWidth + groupWidth / 2;
    group.label.forEach((line, i) =>
      parts.push(
        `<text x="${center}" y="${PLOT_BOTTOM + 20 + i * 15}" font-size="12" text-anchor="middle" ` +
          `fill="${COLORS.muted}">${escape(line)}</text>`,
      ),
    );
  });
  return parts.join("\n");
}

function legend(x: number, entries: [string, string][]): string {
  return entries
    .map(
      ([label, color], i) =>
        `<rect x="${x + i * 90}" y="366" width="12" height="12" fill="${color}"/>` +
        `<text x="${x + i * 90 + 17}" y="377" font-size="12" fill="${COLORS.muted}">${escape(label)}</text>`,
    )
    .join("\n");
}

/** The chart as SVG, titled with the program's short name. */
export function chartSvg(c: ChartFigures, programSlug: string): string {
  const f = c.funnel;
  const funnel: Group[] = (
    [
      [["Applied"], f.applied],
      [["Prereqs", "done"], f.prerequisitesDone],
      [["Accepted"], f.accepted],
      [["Completed"], f.completed],
    ] as const
  ).map(([label, value]) => ({ label: [...label], bars: [{ value, color: COLORS.funnel }] }));
  const evaluations: Group[] = c.checkpoints.map((k) => ({
    label: [String(k.number)],
    bars: [
      { value: k.pass, color: COLORS.pass },
      { value: k.extend, color: COLORS.extend },
      { value: k.fail, color: COLORS.fail },
    ],
  }));
  const payments: Group[] = (Object.keys(PAYMENT_LABELS) as (keyof typeof PAYMENT_LABELS)[]).map((state) => ({
    label: [PAYMENT_LABELS[state]],
    bars: [{ value: c.payments[state], color: COLORS[state] }],
  }));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" ` +
      `viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="DejaVu Sans">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    `<text x="20" y="36" font-size="21" font-weight="bold" fill="${COLORS.text}">` +
      `${escape(`${programSlug}/${c.term}`)}</text>`,
    panel(20, "Application funnel", funnel),
    panel(340, "Evaluations per checkpoint", evaluations),
    legend(340, [
      ["pass", COLORS.pass],
      ["extend", COLORS.extend],
      ["fail", COLORS.fail],
    ]),
    panel(660, "Stipend payments", payments),
    "</svg>",
  ].join("\n");
}

const require = createRequire(import.meta.url);
let ready: Promise<void> | undefined;
let fonts: Uint8Array[] | undefined;

/**
 * PNGs already rendered, by their SVG: a digest's pages, a `/mentorship admin digest` asked again or paged
 * through, and the weekly post of figures that did not change all draw the same picture, and rendering it (resvg
 * parses both fonts each time) costs tens of milliseconds. A few charts at most: one per program whose figures
 * are current.
 */
const rendered = new Map<string, Buffer>();
const RENDERED_KEPT = 16;

/** The chart's PNG, rendered once per content. */
async function chartPng(svg: string): Promise<Buffer> {
  const cached = rendered.get(svg);
  if (cached) return cached;
  ready ??= initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
  await ready;
  fonts ??= ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) =>
    readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
  );
  const renderer = new Resvg(svg, {
    font: { fontBuffers: fonts, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    fitTo: { mode: "original" },
  });
  try {
    const image = renderer.render();
    const png = Buffer.from(image.asPng());
    image.free();
    // The oldest entry goes first (a Map keeps insertion order).
    if (rendered.size >= RENDERED_KEPT) rendered.delete(rendered.keys().next().value as string);
    rendered.set(svg, png);
    return png;
  } finally {
    renderer.free();
  }
}

/**
 * The chart as a PNG attachment named `name`, its alt text the figures in words. The WebAssembly loads on first
 * use.
 */
export async function chartAttachment(c: ChartFigures, programSlug: string, name: string): Promise<Attachment> {
  const content = await chartPng(chartSvg(c, programSlug));
  return { name, mimeType: "image/png", content, altText: chartLines(c).join(" ") };
}
