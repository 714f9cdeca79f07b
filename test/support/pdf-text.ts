// The text a PDF written by pdfkit with `compress: false` draws, line by line: each text object's TJ strings
// (hex, in the standard fonts' WinAnsi encoding) joined. Enough for the letters the bot writes, not for any PDF.
const WIN_ANSI_SPECIALS: Record<number, string> = {
  0x85: "…",
  0x91: "‘",
  0x92: "’",
  0x93: "“",
  0x94: "”",
  0x96: "–",
  0x97: "—",
};

export function pdfTextLines(pdf: Buffer): string[] {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const [, array] of source.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)*)\]\s*TJ/g)) {
    const bytes = [...(array ?? "").matchAll(/<([0-9a-f]*)>/g)].flatMap(([, hex]) => [
      ...Buffer.from(hex ?? "", "hex"),
    ]);
    lines.push(bytes.map((b) => WIN_ANSI_SPECIALS[b] ?? String.fromCharCode(b)).join(""));
  }
  return lines;
}
