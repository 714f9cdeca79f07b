// The Letter of Completion prints any name: the PDF is read back through its fonts' ToUnicode maps, so a name
// the fonts could not draw (the PDF standard fonts drop 李小龙 and Дмитрий) would not be found.
import { describe, expect, it } from "vitest";
import { fontRuns, type LetterContent, layoutTokens, letterPdf } from "../../src/chat/letter-pdf.js";
import { pdfTextLines } from "../support/pdf-text.js";

const letter = (menteeName: string, extra: Partial<LetterContent> = {}): LetterContent => ({
  menteeName,
  projectName: "Kernel docs",
  programName: "LFX",
  termName: "2027-spring",
  kind: "full-time",
  mentors: ["linus"],
  startedOn: "2027-03-01",
  completedOn: "2027-05-21",
  timeZone: "Asia/Shanghai",
  code: "LOC-7K3Q-9XW2-M4TD-0B8R",
  ...extra,
});
const textOf = async (content: LetterContent) =>
  pdfTextLines(await letterPdf(content, { compress: false }))
    .join("\n")
    .replace(/[ \t]+/g, " ");

describe("the letter's PDF", () => {
  it("prints a Chinese name, and Chinese in the mentors' names and the note", async () => {
    const text = await textOf(
      letter("李小龙", { mentors: ["王芳", "linus"], note: { text: "做得很好 — twice.", by: "王芳" } }),
    );
    expect(text).toContain("This certifies that\n李小龙\ncompleted the full-time mentorship term 2027-spring");
    expect(text).toContain("Mentored by 王芳, linus.");
    expect(text).toContain("“做得很好 — twice.”\n— 王芳, mentor");
  });

  it("prints Greek and Cyrillic names, and a name mixing scripts, whole on one line", async () => {
    expect(await textOf(letter("Ελένη Παπαδοπούλου"))).toContain("\nΕλένη Παπαδοπούλου\n");
    expect(await textOf(letter("Дмитрий Иванов"))).toContain("\nДмитрий Иванов\n");
    expect(await textOf(letter("Zoë 李小龙 Дмитрий"))).toContain("\nZoë 李小龙 Дмитрий\n");
  });

  it("wraps a long Chinese note inside the page instead of running off it", async () => {
    const note = "感谢".repeat(120);
    const lines = pdfTextLines(
      await letterPdf(letter("李小龙", { note: { text: note, by: "linus" } }), { compress: false }),
    );
    const noteLines = lines.filter((line) => line.includes("感谢"));
    expect(noteLines.length).toBeGreaterThan(3);
    expect(noteLines.join("")).toBe(`“${note}”`);
  });
});

describe("choosing a font per run of text", () => {
  const latin = { name: "latin", has: (c: number) => c < 0x2000 };
  const cjk = { name: "cjk", has: (c: number) => c >= 0x3000 || c < 0x80 };
  it("gives each letter the first font that has it, and keeps spaces and punctuation with the run before", () => {
    expect(fontRuns("Zoë 李小龙 (Bruce)", [latin, cjk])).toEqual([
      { text: "Zoë ", font: "latin" },
      { text: "李小龙 (", font: "cjk" },
      { text: "Bruce)", font: "latin" },
    ]);
  });
  it("breaks between Chinese characters and after words, keeping right-to-left words together", () => {
    expect(layoutTokens([{ text: "Ada 李小 عمر خالد x", font: "f" }]).map((t) => t.text)).toEqual([
      "Ada ",
      "李",
      "小 ",
      "عمر خالد ",
      "x",
    ]);
  });
});
