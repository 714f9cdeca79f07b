// `/mentorship admin export …`: only the program's administrators may export; each file reaches them as a
// file on Slack (an upload to their direct messages) and on Discord (an attachment of the answer), and reads
// back as written: names in any script, commas, quotes and newlines.
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applicationsCsv } from "../../src/chat/exports-csv.js";
import { decline } from "../../src/core/applications.js";
import { endEnrollmentEarly, markPlanItemDone, submitSurvey } from "../../src/core/enrollments.js";
import { submitEvaluation } from "../../src/core/evaluations.js";
import { applicationsForExport, evaluationsForExport, surveysForExport } from "../../src/core/exports.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { discordHarness } from "../support/discord.js";
import { slackHarness } from "../support/slack.js";
import { buildWorld, enrollAda, evaluation, insideWindow, type World } from "../support/world.js";

let db: Database;
let w: World;

const ZOE = 'Zoë "Z" O\'Brien';
const BRUCE = "李小龙";
const REPORT = 'Steady work, "mostly" on docs.\nNext: tests, then more tests.';

const rows = (bytes: Buffer) => parse(bytes, { bom: true, columns: true }) as Record<string, string>[];

beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  await db.prisma.person.update({ where: { id: w.as.mentee.personId }, data: { displayName: BRUCE } });
  await db.prisma.person.update({ where: { id: w.as.otherMentee.personId }, data: { displayName: ZOE } });
  // The program's zone, in which every instant of its exports is written.
  await db.prisma.program.update({ where: { id: w.ids.program }, data: { timeZone: "Asia/Kolkata" } });
  await db.prisma.project.update({ where: { id: w.ids.otherProject }, data: { name: "K8s ops, and more" } });
  await enrollAda(w);
  await decline(w.core, w.as.administrator, w.ids.otherApplication, "Not this term,\nplease apply again.");
  w.clock.set(insideWindow(1));
  await submitEvaluation(w.core, w.as.mentor, "@ada", { ...evaluation(1), report: REPORT });
});
afterEach(async () => {
  await db.close();
});

describe("who may export", () => {
  it.each([
    ["a mentor of the program", "mentor", "applications"],
    ["an administrator of another program", "otherAdministrator", "evaluations"],
    ["a mentee", "mentee", "feedback surveys"],
  ] as const)("%s may not export %s; the sentence says who may", async (_who, role, what) => {
    const exporting = {
      applications: () => applicationsForExport(w.core, w.as[role], "lfx"),
      evaluations: () => evaluationsForExport(w.core, w.as[role], "lfx"),
      "feedback surveys": () => surveysForExport(w.core, w.as[role], "lfx"),
    }[what];
    await expect(exporting()).rejects.toThrow(`Only administrators of LFX can export the program's ${what}.`);
  });
});

async function finishTerm(world: World) {
  for (const checkpoint of [2, 3, 4]) {
    world.clock.set(insideWindow(checkpoint));
    await submitEvaluation(world.core, world.as.mentor, "@ada", evaluation(checkpoint));
  }
  const item = await db.prisma.planItem.findFirstOrThrow({});
  await markPlanItemDone(world.core, world.as.mentee, item.id);
  await submitSurvey(world.core, world.as.mentee, {
    overall: 5,
    mentorSupport: 4,
    wouldRecommend: true,
    comments: "Thank you, Linus!\nI learned a lot.",
  });
}

describe("the applications export", () => {
  it("gives an ended enrollment's end, reason and date, read back with csv-parse", async () => {
    const before = rows(
      Buffer.from(
        applicationsCsv((await applicationsForExport(w.core, w.as.administrator, "lfx")).applications, "UTC"),
      ),
    );
    expect(before.map((r) => [r.mentee, r.enrollment_end, r.end_reason, r.ended_at])).toEqual([
      [ZOE, "", "", ""],
      [BRUCE, "", "", ""],
    ]);
    w.clock.set("2027-04-20T18:45:00Z");
    await endEnrollmentEarly(w.core, w.as.administrator, "@ada", "mentee_request", 'Took a job at "Acme", sadly.');
    const { applications, program } = await applicationsForExport(w.core, w.as.administrator, "lfx");
    const after = rows(Buffer.from(applicationsCsv(applications, program.timeZone)));
    expect(after[1]).toMatchObject({
      mentee: BRUCE,
      status: "withdrawn",
      enrollment_end: "withdrawn",
      end_reason: 'Took a job at "Acme", sadly.',
      ended_at: "2027-04-21T00:15:00.000+05:30",
    });
  });
});

describe("exports on Slack", () => {
  it("applications by status, with task progress, arrive as a CSV upload in the administrator's DMs", async () => {
    const h = await slackHarness(db);
    try {
      await db.prisma.identity.create({
        data: { personId: w.as.administrator.personId, platform: "slack", externalId: "UGRACE" },
      });
      h.clock.set(w.clock.now());
      const grace = h.user("UGRACE", "grace");
      await grace.command("admin export applications lfx");
      await h.bot.idle();
      const upload = h.fake.uploads.at(-1)!;
      expect(upload.name).toBe("applications-lfx.csv");
      expect(h.fake.callsTo("files.completeUploadExternal").at(-1)?.args.channel_id).toBe("DUGRACE");
      const read = rows(upload.bytes);
      // In term and project order.
      expect(read.map((r) => [r.mentee, r.project, r.status])).toEqual([
        [ZOE, "K8s ops, and more", "declined"],
        [BRUCE, "Kernel docs", "accepted"],
      ]);
      expect(read[0]?.decline_reason).toBe("Not this term,\nplease apply again.");
      expect(read[1]).toMatchObject({ tasks_total: "1", tasks_submitted: "0", tasks_completed: "1" });
      expect(read[1]?.applied_at).toBe("2027-01-12T15:30:00.000+05:30");

      await grace.command("admin export applications lfx declined");
      await h.bot.idle();
      expect(h.fake.uploads.at(-1)!.name).toBe("applications-lfx-declined.csv");
      expect(rows(h.fake.uploads.at(-1)!.bytes).map((r) => r.mentee)).toEqual([ZOE]);

      const uploads = h.fake.uploads.length;
      await grace.command("admin export applications lfx maybe");
      await h.bot.idle();
      expect(h.fake.uploads).toHaveLength(uploads);
    } finally {
      await h.close();
    }
  });
});

describe("exports on Discord", () => {
  it("evaluations (the report only with-reports) and surveys arrive as attachments of the answer", async () => {
    const h = await discordHarness(db);
    try {
      await db.prisma.identity.create({
        data: { personId: w.as.administrator.personId, platform: "discord", externalId: h.idOf("grace") },
      });
      h.clock.set(w.clock.now());
      const grace = h.user("grace");
      const lastFile = () => {
        const call = h.fake.calls.filter((c) => c.files.length > 0).at(-1)!;
        return Buffer.from(call.files.at(-1)!, "latin1");
      };

      await grace.command("admin export evaluations lfx");
      const plain = rows(lastFile());
      expect(plain).toHaveLength(1);
      expect(plain[0]).toMatchObject({ mentee: BRUCE, mentor: "linus", checkpoint: "First evaluation" });
      expect(plain[0]).toMatchObject({
        outcome: "pass",
        rating_tasks: "4",
        submitted_at: "2027-03-19T05:30:00.000+05:30",
      });
      expect(plain[0]).not.toHaveProperty("report");

      await grace.command("admin export evaluations lfx with-reports");
      expect(rows(lastFile())[0]?.report).toBe(REPORT);

      await finishTerm(w);
      const menteeSurveys = () => {
        const call = h.fake.calls.filter((c) => c.files.length > 0).at(-1)!;
        expect(call.files).toHaveLength(2);
        return rows(Buffer.from(call.files[1]!, "latin1"));
      };
      // Anonymous by default: the answers without who gave them.
      await grace.command("admin export surveys lfx");
      const [anonymous] = menteeSurveys();
      expect(anonymous).toMatchObject({ mentee: "", project: "", submitted_at: "", overall: "5" });
      await db.prisma.program.update({ where: { slug: "lfx" }, data: { anonymousSurveys: false } });
      await grace.command("admin export surveys lfx");
      const [survey] = menteeSurveys();
      expect(survey).toMatchObject({ mentee: BRUCE, overall: "5", mentor_support: "4", would_recommend: "yes" });
      expect(survey?.comments).toBe("Thank you, Linus!\nI learned a lot.");

      const refused = await grace.command("admin export everything lfx");
      expect(JSON.stringify(refused.data)).toContain("Export one of applications, evaluations, ledger, surveys.");
    } finally {
      await h.close();
    }
  });
});
