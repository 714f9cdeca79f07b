import { myLetter } from "../../core/enrollments.js";
import { defineCommand } from "../command-tree.js";
import { commandHint as hint, formatDate } from "../format.js";
import { type LetterContent, letterPdf } from "../letter-pdf.js";
import { info } from "./common.js";

/** What the letter says, from the mentee's newest letter (see core's myLetter). */
export function letterContent({ letter, mentors, noteBy }: Awaited<ReturnType<typeof myLetter>>): LetterContent {
  const e = letter.enrollment;
  const term = e.project.term;
  const zone = term.program.timeZone;
  return {
    menteeName: e.mentee.displayName,
    projectName: e.project.name,
    programName: term.program.name,
    termName: term.name,
    kind: term.kind === "full_time" ? "full-time" : "part-time",
    mentors,
    startedOn: formatDate(term.startAt, zone),
    completedOn: formatDate(letter.issuedAt, zone),
    timeZone: zone,
    code: letter.code,
    ...(e.graduationNote && noteBy ? { note: { text: e.graduationNote, by: noteBy.displayName } } : {}),
  };
}

defineCommand({
  path: ["letter"],
  summary: "Your Letter of Completion (a PDF) and its verification code.",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const content = letterContent(await myLetter(ctx.core, ctx.actor));
    return [
      info("Letter of Completion", {
        text:
          `This certifies that ${content.menteeName} completed the ${content.kind} ` +
          `mentorship term ${content.termName} of ${content.programName} ` +
          `on the project ${content.projectName}, ${content.startedOn} to ${content.completedOn}` +
          (content.mentors.length ? `, mentored by ${content.mentors.join(", ")}.` : ".") +
          (content.note ? ` “${content.note.text}” — ${content.note.by}` : ""),
        sections: [
          {
            fields: [
              ["Verification code", content.code],
              ["Check it", hint("verify", content.code)],
            ],
          },
        ],
        files: [
          {
            name: `letter-of-completion-${content.code}.pdf`,
            mimeType: "application/pdf",
            content: await letterPdf(content),
          },
        ],
      }),
    ];
  },
});
