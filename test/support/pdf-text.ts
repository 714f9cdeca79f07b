// The text a PDF written by pdfkit with `compress: false` draws, line by line. Each text object's TJ strings are
// decoded through its font: an embedded font by its ToUnicode map (pdfkit writes glyph ids, two bytes each), a
// standard font by WinAnsi; pieces drawn on the same baseline, one after another, make one line. Enough for the
// letters the bot writes, not for any PDF.
const WIN_ANSI_SPECIALS: Record<number, string> = {
  0x85: "…",
  0x91: "‘",
  0x92: "’",
  0x93: "“",
  0x94: "”",
  0x96: "–",
  0x97: "—",
};

type Decoder = (hex: string) => string;

const winAnsi: Decoder = (hex) =>
  [...Buffer.from(hex, "hex")].map((b) => WIN_ANSI_SPECIALS[b] ?? String.fromCharCode(b)).join("");

/** A ToUnicode CMap's `bfrange` (with arrays, as pdfkit writes) and `bfchar` entries, as a glyph-id decoder. */
function toUnicode(cmap: string): Decoder {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, "hex").swap16().toString("utf16le");
  for (const [, from, , list] of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
    [...(list ?? "").matchAll(/<([0-9a-f\s]+)>/gi)].forEach(([, hex], i) => {
      map.set(Number.parseInt(from ?? "0", 16) + i, utf16((hex ?? "").replace(/\s/g, "")));
    });
  }
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, hex] of (block ?? "").matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
      map.set(Number.parseInt(code ?? "0", 16), utf16(hex ?? ""));
  return (hex) => (hex.match(/.{4}/g) ?? []).map((code) => map.get(Number.parseInt(code, 16)) ?? "\uFFFD").join("");
}

export function pdfTextLines(pdf: Buffer): string[] {
  const source = pdf.toString("latin1");
  const objects = new Map<string, string>();
  for (const [, id, body] of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(id ?? "", body ?? "");
  const decoders = new Map<string, Decoder>();
  for (const [, block] of source.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
    for (const [, name, id] of (block ?? "").matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const cmapId = objects.get(id ?? "")?.match(/\/ToUnicode (\d+) 0 R/)?.[1];
      const cmap = cmapId ? objects.get(cmapId) : undefined;
      decoders.set(name ?? "", cmap ? toUnicode(Buffer.from(cmap, "latin1").toString("utf8")) : winAnsi);
    }
  }
  const lines: string[] = [];
  let lastY: string | undefined;
  for (const [, body] of source.matchAll(/BT([\s\S]*?)ET/g)) {
    const tm = body?.match(/([\d.-]+) Tm/)?.[1];
    const y = tm === undefined ? undefined : Number(tm).toFixed(1);
    const decode = decoders.get(body?.match(/\/(F\d+) [\d.]+ Tf/)?.[1] ?? "") ?? winAnsi;
    let text = "";
    for (const [, array] of (body ?? "").matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)*)\]\s*TJ/g)) {
      text += [...(array ?? "").matchAll(/<([0-9a-f]*)>/g)].map(([, hex]) => decode(hex ?? "")).join("");
    }
    if (y !== undefined && y === lastY && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
    lastY = y;
  }
  return lines;
}
