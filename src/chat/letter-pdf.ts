// The Letter of Completion as a one-page PDF. pdfkit draws it with the PDF
// standard fonts, so nothing is downloaded or embedded from the machine.
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

/** `compress: false` writes the page's text as it is drawn, so a test can read it back. */
export async function letterPdf(letter: LetterContent, options: { compress?: boolean } = {}): Promise<Buffer> {
  // Loaded on the first letter: pdfkit and its fonts cost 25 MiB and a third of a second at every start.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    margin: 72,
    compress: options.compress ?? true,
    info: { Title: `Letter of Completion — ${letter.menteeName}`, Author: letter.programName },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(24).text("Letter of Completion", { align: "center" }).moveDown(2);
  doc.font("Helvetica").fontSize(13);
  doc.text("This certifies that", { align: "center" }).moveDown(0.5);
  doc.font("Helvetica-Bold").fontSize(18).text(letter.menteeName, { align: "center" }).moveDown(0.5);
  doc.font("Helvetica").fontSize(13);
  doc.text(
    `completed the ${letter.kind} mentorship term ${letter.termName} of ${letter.programName}, ` +
      `on the project ${letter.projectName}, from ${letter.startedOn} to ${letter.completedOn}.`,
    { align: "center" },
  );
  if (letter.mentors.length > 0) {
    doc.moveDown(0.5).text(`Mentored by ${letter.mentors.join(", ")}.`, { align: "center" });
  }
  if (letter.note) {
    doc.moveDown(1.5).font("Helvetica-Oblique").text(`“${letter.note.text}”`, { align: "center" });
    doc.font("Helvetica").text(`— ${letter.note.by}, mentor`, { align: "center" });
  }
  doc.moveDown(3).fontSize(11).fillColor("#444");
  doc.text(`Dates are days in the program's time zone, ${letter.timeZone}.`, { align: "center" });
  doc.text(`Verification code: ${letter.code}`, { align: "center" });
  doc.text(
    `To check this letter, anyone can ask the program's bot, on its Slack or Discord: ` +
      `/${COMMAND_NAME} verify ${letter.code}`,
    { align: "center" },
  );
  doc.end();
  return done;
}
