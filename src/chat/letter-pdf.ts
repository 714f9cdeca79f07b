// The Letter of Completion as a one-page PDF. pdfkit draws it with the PDF
// standard fonts, so nothing is downloaded or embedded from the machine.
import { COMMAND_NAME } from "./command-tree.js";
import PDFDocument from "pdfkit";

export interface LetterContent {
  menteeName: string;
  projectName: string;
  programName: string;
  termName: string;
  kind: "full-time" | "part-time";
  startedOn: string;
  completedOn: string;
  code: string;
}

export function letterPdf(letter: LetterContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 72,
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
  doc.text(`This certifies that`, { align: "center" }).moveDown(0.5);
  doc.font("Helvetica-Bold").fontSize(18).text(letter.menteeName, { align: "center" }).moveDown(0.5);
  doc.font("Helvetica").fontSize(13);
  doc.text(
    `completed the ${letter.kind} mentorship term ${letter.termName} of ${letter.programName}, ` +
      `on the project ${letter.projectName}, from ${letter.startedOn} to ${letter.completedOn}.`,
    { align: "center" },
  );
  doc.moveDown(3).fontSize(11).fillColor("#444");
  doc.text(`Verification code: ${letter.code}`, { align: "center" });
  doc.text(`Anyone can check this letter by asking the program's bot: /${COMMAND_NAME} verify ${letter.code}`, {
    align: "center",
  });
  doc.end();
  return done;
}
