import { myLetter } from "../../core/enrollments.js";
import { defineCommand } from "../command-tree.js";
import { formatDate } from "../format.js";
import { letterPdf } from "../letter-pdf.js";
import { info } from "./common.js";
import { commandHint as hint } from "../format.js";

defineCommand({
  path: ["letter"],
  summary: "Your Letter of Completion (a PDF) and its verification code.",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const letter = await myLetter(ctx.core, ctx.actor);
    const e = letter.enrollment;
    const zone = e.project.term.program.timeZone;
    const content = {
      menteeName: e.mentee.displayName,
      projectName: e.project.name,
      programName: e.project.term.program.name,
      termName: e.project.term.name,
      kind: e.project.term.kind === "full_time" ? ("full-time" as const) : ("part-time" as const),
      startedOn: formatDate(e.project.term.startAt, zone),
      completedOn: formatDate(letter.issuedAt, zone),
      code: letter.code,
    };
    return [
      info("Letter of Completion", {
        text:
          `This certifies that ${content.menteeName} completed the ${content.kind} ` +
          `mentorship term ${content.termName} of ${content.programName} ` +
          `on the project ${content.projectName}, ${content.startedOn} to ${content.completedOn}.`,
        sections: [
          {
            fields: [
              ["Verification code", letter.code],
              ["Check it", hint("verify", letter.code)],
            ],
          },
        ],
        files: [
          {
            name: `letter-of-completion-${letter.code}.pdf`,
            mimeType: "application/pdf",
            content: await letterPdf(content),
          },
        ],
      }),
    ];
  },
});
