// The Letter of Completion as a one-page PDF, drawn by pdfkit with fonts embedded from npm packages, since the
// PDF standard fonts print only Latin-1 and a mentee's name may be 李小龙, Ελένη or Дмитрий. DejaVu Sans covers
// Latin, Greek, Cyrillic (and Arabic letters); Noto Sans Hans covers Chinese characters and Japanese kana. Each
// run of text takes the first font of its style that has its glyphs, so a mixed name prints whole.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { COMMAND_NAME } from "./command-tree.js";

export interface LetterContent {
  menteeName: string;
  projectName: string;
  programName: string;
  termName: string;
  kind: "full-time" | "part-time";
  mentors: string[];
  /** Dates as the program's zone reads them (yyyy-mm-dd), and that zone, so a reader abroad knows which day. */
  startedOn: string;
  completedOn: string;
  timeZone: string;
  code: string;
  /** A mentor's graduation note, quoted. */
  note?: { text: string; by: string };
}

type Style = "regular" | "bold" | "oblique";

const require = createRequire(import.meta.url);
const CJK = "NotoSansHans-Regular";
/** Where each font's file is. @embedpdf/fonts-sc exports only its index, so its folder is found from that. */
const FONT_PATHS: Record<string, () => string> = {
  DejaVuSans: () => require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  "DejaVuSans-Bold": () => require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  "DejaVuSans-Oblique": () => require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"),
  [CJK]: () => join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts", `${CJK}.otf`),
};
/** The fonts of each style, in the order a glyph is looked for. The CJK font has one weight (see README). */
const FONT_FILES: Record<Style, string[]> = {
  regular: ["DejaVuSans", CJK],
  bold: ["DejaVuSans-Bold", CJK],
  oblique: ["DejaVuSans-Oblique", CJK],
};

interface LoadedFont {
  /** The name pdfkit knows it by. */
  name: string;
  data: Buffer;
  has: (codePoint: number) => boolean;
  /** Above the baseline, in thousandths of the font size, as pdfkit counts it. */
  ascender: number;
}

// Read on the first letter only: together the files are about 10 MB, which a bot that never draws a letter
// (or a test run that does not) should not hold.
let loading: Promise<Map<string, LoadedFont>> | undefined;
function loadFonts(): Promise<Map<string, LoadedFont>> {
  loading ??= (async () => {
    // Imported here, like pdfkit: they cost memory and start-up time that a bot drawing no letter should not pay.
    const fontkit = await import("fontkit");
    const files = [...new Set(Object.values(FONT_FILES).flat())];
    const fonts = await Promise.all(
      files.map(async (name): Promise<LoadedFont> => {
        const data = await readFile(FONT_PATHS[name]?.() ?? name);
        const font = fontkit.create(data);
        if (!("hasGlyphForCodePoint" in font)) throw new Error(`${name} is a font collection, not one font.`);
        return {
          name,
          data,
          has: (codePoint) => font.hasGlyphForCodePoint(codePoint),
          ascender: (font.ascent * 1000) / font.unitsPerEm,
        };
      }),
    );
    return new Map(fonts.map((font) => [font.name, font]));
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

export interface TextRun {
  text: string;
  font: string;
}

/**
 * Cuts text into runs of one font each: a letter takes the first font of `chain` that has it (else the first,
 * which draws its blank box); a space or punctuation mark stays in the current run's font when that font has it,
 * so "李小龙 (Bruce)" does not cut at the space.
 */
export function fontRuns(text: string, chain: { name: string; has: (codePoint: number) => boolean }[]): TextRun[] {
  const first = chain[0];
  if (!first) throw new Error("fontRuns needs at least one font.");
  const runs: TextRun[] = [];
  let current: TextRun | undefined;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const neutral = /[\p{Z}\p{P}]/u.test(char);
    const font =
      neutral && current && chain.find((f) => f.name === current?.font)?.has(codePoint)
        ? current.font
        : (chain.find((f) => f.has(codePoint)) ?? first).name;
    if (current?.font === font) current.text += char;
    else {
      current = { text: char, font };
      runs.push(current);
    }
  }
  return runs;
}

const WIDE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const RTL = /[\p{sc=Arabic}\p{sc=Hebrew}]/u;
const WIDE_CLASS = "\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}";
/** Spaces; one wide character and its spaces; or a word (up to a space or a wide character) and its spaces. */
const PIECE = new RegExp(`\\s+|[${WIDE_CLASS}]\\s*|\\S+?(?=\\s|$|[${WIDE_CLASS}])\\s*`, "gu");

/**
 * The pieces a line may break between: a word with the spaces after it, or one Chinese or Japanese character
 * (they break anywhere). Words of right-to-left script in a row stay one piece, so that fontkit lays them out
 * together, right to left; we do not reorder mixed directions otherwise.
 */
export function layoutTokens(runs: TextRun[]): TextRun[] {
  const tokens: TextRun[] = [];
  for (const run of runs) {
    for (const [piece] of run.text.matchAll(PIECE)) {
      const previous = tokens.at(-1);
      if (previous && previous.font === run.font && RTL.test(previous.text) && RTL.test(piece)) previous.text += piece;
      else if (previous && previous.font === run.font && /^\s+$/.test(piece) && !WIDE.test(previous.text.slice(-1)))
        previous.text += piece;
      else tokens.push({ text: piece, font: run.font });
    }
  }
  return tokens;
}

/** Lines of tokens no wider than `width` (a single token wider than that gets a line of its own). */
export function wrapTokens<T extends { width: number; inkWidth: number }>(tokens: T[], width: number): T[][] {
  const lines: T[][] = [];
  let line: T[] = [];
  let used = 0;
  for (const token of tokens) {
    if (line.length > 0 && used + token.inkWidth > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    line.push(token);
    used += token.width;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** `compress: false` writes the page's text as it is drawn, so a test can read it back. */
export async function letterPdf(letter: LetterContent, options: { compress?: boolean } = {}): Promise<Buffer> {
  const [fonts, { default: PDFDocument }] = await Promise.all([loadFonts(), import("pdfkit")]);
  const chains = Object.fromEntries(
    Object.entries(FONT_FILES).map(([style, files]) => [style, files.map((file) => fonts.get(file)!)]),
  ) as Record<Style, LoadedFont[]>;
  const doc = new PDFDocument({
    size: "A4",
    margin: 72,
    compress: options.compress ?? true,
    info: { Title: `Letter of Completion — ${letter.menteeName}`, Author: letter.programName },
  });
  for (const font of fonts.values()) doc.registerFont(font.name, font.data);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  /**
   * One centred paragraph. We wrap and centre it ourselves: pdfkit's `continued` text misplaces runs of
   * different fonts on a centred line, so each line's pieces are measured and drawn where they belong.
   */
  const paragraph = (text: string, style: Style, size: number) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const measured = layoutTokens(fontRuns(text, chains[style])).map((token) => ({
      ...token,
      width: doc.font(token.font).fontSize(size).widthOfString(token.text),
      // A line is as wide as its words: the spaces after its last one do not count.
      inkWidth: doc.widthOfString(token.text.trimEnd()),
    }));
    let y = doc.y;
    for (const line of wrapTokens(measured, width)) {
      const lineWidth = line.reduce((sum, t) => sum + t.width, 0) - (line.at(-1)?.width ?? 0);
      let x = left + (width - lineWidth - (line.at(-1)?.inkWidth ?? 0)) / 2;
      // pdfkit places text by its top, which differs by font: one baseline for the line keeps the scripts level.
      const ascent = (token: TextRun) => ((fonts.get(token.font)?.ascender ?? 0) * size) / 1000;
      const baseline = y + Math.max(...line.map(ascent));
      let height = 0;
      for (const token of line) {
        doc
          .font(token.font)
          .fontSize(size)
          .text(token.text, x, baseline - ascent(token), { lineBreak: false });
        x += token.width;
        height = Math.max(height, doc.currentLineHeight(true));
      }
      y += height;
    }
    doc.x = left;
    doc.y = y;
  };
  paragraph("Letter of Completion", "bold", 24);
  doc.moveDown(2);
  paragraph("This certifies that", "regular", 13);
  doc.moveDown(0.5);
  paragraph(letter.menteeName, "bold", 18);
  doc.moveDown(0.5);
  paragraph(
    `completed the ${letter.kind} mentorship term ${letter.termName} of ${letter.programName}, ` +
      `on the project ${letter.projectName}, from ${letter.startedOn} to ${letter.completedOn}.`,
    "regular",
    13,
  );
  if (letter.mentors.length > 0) {
    doc.moveDown(0.5);
    paragraph(`Mentored by ${letter.mentors.join(", ")}.`, "regular", 13);
  }
  if (letter.note) {
    doc.moveDown(1.5);
    paragraph(`“${letter.note.text}”`, "oblique", 13);
    paragraph(`— ${letter.note.by}, mentor`, "regular", 13);
  }
  doc.moveDown(3).fillColor("#444");
  paragraph(`Dates are days in the program's time zone, ${letter.timeZone}.`, "regular", 11);
  paragraph(`Verification code: ${letter.code}`, "regular", 11);
  paragraph(
    `To check this letter, anyone can ask the program's bot, on its Slack or Discord: ` +
      `/${COMMAND_NAME} verify ${letter.code}`,
    "regular",
    11,
  );
  doc.end();
  return done;
}
