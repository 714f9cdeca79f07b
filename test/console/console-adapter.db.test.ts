import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import type { Database } from "../../src/store/database.js";
import { consoleSession, type ConsoleSession } from "../support/console.js";
import { testDatabase } from "../support/database.js";
import { buildWorld } from "../support/world.js";
import { accept, reviewTask, submitTask } from "../../src/core/applications.js";
import { saveMenteeProfile } from "../../src/core/people.js";
import { createTerm, setApplicationsState } from "../../src/core/programs.js";
import { fieldPrompt } from "../../src/adapters/console/render.js";
import type { Field } from "../../src/chat/views.js";

describe("console adapter", () => {
  let db: Database;
  let session: ConsoleSession;
  beforeEach(async () => {
    db = await testDatabase();
    session = await consoleSession(db);
  });
  afterEach(async () => {
    await session.close();
    await db.close();
  });

  it("lists the commands on /mentorship help, as one JSON line per view", async () => {
    const [help] = await session.send("/mentorship help");
    expect(help?.type).toBe("message");
    expect(JSON.stringify(help)).toContain("/mentorship verify <code>");
    // The console's own words are listed too, on the console only.
    expect(JSON.stringify(help)).toContain("/as <name> — act as someone else");
  });

  it("switches the acting person with /as and creates them on first use", async () => {
    const [switched] = await session.send("/as ada");
    expect(switched).toMatchObject({ type: "notice", kind: "as", text: 'You are now "ada".' });
    await session.send("/mentorship help");
    const people = await db.prisma.identity.findMany({ where: { platform: "console", externalId: "ada" } });
    expect(people).toHaveLength(1);
  });

  it("runs nothing after /quit, even lines already piped in", async () => {
    // One chunk, as a pipe delivers them: both lines are read before the first is handled.
    expect(await session.send("/quit\n/mentorship help")).toEqual([]);
    await session.bot.finished;
  });

  it("moves no clock outside a rehearsal, and says how to start one", async () => {
    const [refused] = await session.send("/time +2w");
    expect(refused).toMatchObject({ kind: "error", text: expect.stringContaining("npm start -- --rehearse") });
  });

  it("takes names of any script, with their accents, as one person however the accent was typed", async () => {
    for (const name of ["李小龙", "José", "Zoë_O-Neil.2"]) {
      const [switched] = await session.send(`/as ${name}`);
      expect(switched).toMatchObject({ type: "notice", kind: "as", text: `You are now "${name}".` });
      await session.send("/mentorship help");
    }
    // é typed as e and a combining accent is the same José.
    const [decomposed] = await session.send("/as Jose\u0301");
    expect(decomposed).toMatchObject({ kind: "as", text: 'You are now "José".' });
    await session.send("/mentorship help");
    const ids = await db.prisma.identity.findMany({ where: { platform: "console" }, select: { externalId: true } });
    expect(ids.map((i) => i.externalId).sort()).toEqual(["josé", "zoë_o-neil.2", "李小龙"]);
  });

  it("says why the name is none and stops the script there, with exit status 1", async () => {
    const answers = await session.send("/as Ada Lovelace\n/mentorship help\n/as ada\n/mentorship help");
    expect(answers).toEqual([
      {
        type: "notice",
        kind: "error",
        text: 'A name is one word, without spaces: "Ada Lovelace" has some. Join the words, e.g. /as Ada.Lovelace.',
      },
      {
        type: "notice",
        kind: "stopped",
        text: expect.stringContaining("The script stops here (exit status 1): its next lines are for the person"),
      },
    ]);
    expect(answers[1]?.text).toContain('would run as "operator"');
    expect(await session.bot.finished).toBe(1);
    // Nothing after it ran: no one named ada was created.
    expect(await db.prisma.identity.count({ where: { externalId: "ada" } })).toBe(0);
  });

  it("names a character a name cannot hold, an invisible one by its code", async () => {
    const [refused] = await session.send("/as ada\u0007!");
    expect(refused).toMatchObject({
      kind: "error",
      text:
        'A name holds letters, digits, dots, dashes or underscores, not U+0007, "!"; ' +
        "e.g. /as ada, /as José or /as 李小龙.",
    });
    expect(await session.bot.finished).toBe(1);
  });

  it("ends a script of good names with exit status 0", async () => {
    await session.send("/as 李小龙\n/mentorship help\n/quit");
    expect(await session.bot.finished).toBe(0);
  });

  it("answers unknown input and bad names with a plain sentence", async () => {
    const [unknown] = await session.send("hello");
    expect(unknown).toMatchObject({ type: "notice", kind: "error" });
    const [badCommand] = await session.send("/mentorship frobnicate");
    expect(badCommand).toMatchObject({ type: "message", tone: "error", text: expect.stringContaining("help") });
    const [noButtons] = await session.send("3");
    expect(noButtons).toMatchObject({ kind: "error", text: "There are no buttons to choose." });
  });
});

describe("a person named in another script", () => {
  it("applies as 李小龙, and is mentioned by an administrator as @李小龙", async () => {
    const db = await testDatabase();
    const w = await buildWorld(db);
    const session = await consoleSession(db, { clock: w.clock });
    try {
      const li = await w.actor("李小龙");
      await saveMenteeProfile(w.core, li, {
        skills: ["c"],
        interests: [],
        links: [],
        country: "CN",
        timeZone: "UTC",
        availability: "full_time",
      });
      const [switched] = await session.send("/as 李小龙");
      expect(switched).toMatchObject({ type: "notice", kind: "as", text: 'You are now "李小龙".' });
      // The application form, answered field by field (an empty answer keeps what the form suggests).
      const answers: Record<string, string> = { motivation: "I like docs", experience: "I wrote some" };
      let printed = await session.send("/mentorship apply kernel-docs");
      for (let i = 0; i < 6; i++) {
        const asked = printed.findLast((l) => l.type === "prompt");
        if (!asked) break;
        printed = await session.send(answers[String(asked.field)] ?? "");
      }
      expect(printed.find((l) => l.type === "message")).toMatchObject({
        tone: "success",
        text: expect.stringContaining("You applied to Kernel docs."),
      });
      const application = await db.prisma.application.findFirstOrThrow({ where: { menteeId: li.personId } });
      const task = await db.prisma.applicationTask.findFirstOrThrow({ where: { applicationId: application.id } });
      await submitTask(w.core, li, task.id, "https://example.org/li");
      await reviewTask(w.core, w.as.mentor, task.id, { complete: true });
      w.clock.set("2027-02-22T10:00:00Z");
      await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
      await accept(w.core, w.as.administrator, application.id);
      const [extended] = await session.send("/as grace", "/mentorship admin extend @李小龙 1").then((l) => l.slice(1));
      expect(extended).toMatchObject({ type: "message", tone: "success" });
      expect(extended?.text).toContain("李小龙's enrollment is extended by 1 week");
    } finally {
      await session.close();
      await db.close();
    }
  });
});

describe("console forms", () => {
  let db: Database;
  let session: ConsoleSession;
  beforeEach(async () => {
    db = await testDatabase();
    session = await consoleSession(db);
  });
  afterEach(async () => {
    await session.close();
    await db.close();
  });

  it("ask field by field, re-ask a bad answer with its error, and keep the others", async () => {
    await session.send("/as ada");
    const opened = await session.send("/mentorship profile mentee");
    expect(opened.map((l) => l.type)).toEqual(["form", "prompt"]);
    expect(opened[1]).toMatchObject({ field: "skills" });
    const badLink = await session.send("go, rust", "", "not-a-link");
    expect(badLink.slice(-2)).toMatchObject([
      { type: "errors", errors: { links: "Each link must start with http:// or https://." } },
      { type: "prompt", field: "links" },
    ]);
    const afterLink = await session.send("https://github.com/ada");
    expect(afterLink.at(-1)).toMatchObject({ type: "prompt", field: "country" });
    const badCountry = await session.send("Germany");
    expect(badCountry[0]).toMatchObject({
      type: "errors",
      errors: { country: "Country must be an ISO 3166-1 two-letter code such as IN, DE or BR." },
    });
    expect(badCountry[1]).toMatchObject({ type: "prompt", field: "country" });
    await session.send("de", "Mars/Olympus");
    const done = await session.send("Europe/Berlin", "2");
    expect(done.at(-1)).toMatchObject({ type: "message", tone: "success" });
    const profile = await db.prisma.menteeProfile.findFirstOrThrow();
    expect(profile).toMatchObject({
      skills: ["go", "rust"],
      links: ["https://github.com/ada"],
      country: "DE",
      timeZone: "Europe/Berlin",
      availability: "part_time",
    });
  });

  it("re-ask only the fields a rule of the core refuses after submission", async () => {
    const first = await session.send("/mentorship program create", "lfx", "LFX", "UTC", "@grace");
    // The answer, then grace's direct message: she is told she administers it.
    expect(first.filter((l) => l.type === "message").at(-1)).toMatchObject({ tone: "success" });
    expect(first.at(-1)).toMatchObject({ type: "direct_message", to: "grace" });
    const second = await session.send("/mentorship program create", "lfx", "Other", "UTC", "@grace");
    expect(second.slice(-2)).toMatchObject([
      { type: "errors", errors: { slug: 'A program called "lfx" exists already. Choose another short name.' } },
      { type: "prompt", field: "slug" },
    ]);
    const fixed = await session.send("other");
    expect(fixed.filter((l) => l.type === "message").at(-1)).toMatchObject({ tone: "success" });
    expect((await db.prisma.program.findUniqueOrThrow({ where: { slug: "other" } })).name).toBe("Other");
    // One malformed administrator among several: only that field is asked again.
    const third = await session.send("/mentorship program create", "third", "Third", "UTC", "@grace, two words");
    expect(third.slice(-2)).toMatchObject([
      { type: "errors", errors: { administrators: expect.stringContaining('"two words" does not name a person') } },
      { type: "prompt", field: "administrators" },
    ]);
    await session.send("@grace, @linus");
    expect(await db.prisma.programAdministrator.count({ where: { program: { slug: "third" } } })).toBe(2);
    // Help starts where its reader is: an administrator is not told to set up a mentee profile.
    await session.send("/as grace");
    const help = JSON.stringify(await session.send("/mentorship help"));
    expect(help).toContain("You administer LFX, Other, Third:");
    expect(help).not.toContain("profile mentee` (or mentor)");
  });

  it("stop on /cancel and save nothing", async () => {
    await session.send("/mentorship program create", "lfx");
    const cancelled = await session.send("/cancel");
    expect(cancelled[0]).toMatchObject({ type: "notice", kind: "cancelled" });
    expect(await db.prisma.program.count()).toBe(0);
  });

  it("leave the form, saying so, when a command is typed in it, and run the command", async () => {
    await session.send("/mentorship program create", "lfx");
    const left = await session.send("/mentorship help");
    expect(left[0]).toMatchObject({
      type: "notice",
      kind: "cancelled",
      text: expect.stringContaining("Left the form"),
    });
    expect(JSON.stringify(left[1])).toContain("/mentorship verify <code>");
    expect(await db.prisma.program.count()).toBe(0);
  });

  it("answer a refused action with who may do it", async () => {
    await session.send("/as ada");
    const [refused] = await session.send("/mentorship program create");
    expect(refused).toMatchObject({
      tone: "error",
      text: expect.stringContaining("Only the bot's operators can create programs"),
    });
  });
});

describe("console: evidence a prerequisite requires", () => {
  let db: Database;
  let session: ConsoleSession;
  beforeEach(async () => {
    db = await testDatabase();
    const w = await buildWorld(db);
    session = await consoleSession(db, { clock: w.clock });
  });
  afterEach(async () => {
    await session.close();
    await db.close();
  });

  it("asks for the link as needed (nothing uploads here), and asks again when it is left empty", async () => {
    await session.send("/as ada");
    await session.send("/mentorship tasks");
    const [form, prompt] = await session.send("1");
    const fields = form?.fields as Field[];
    expect(fields.map((f) => f.id)).toEqual(["evidence"]);
    expect(fieldPrompt(fields[0]!)).not.toContain("optional");
    expect(prompt).toMatchObject({ type: "prompt", field: "evidence" });
    expect(await session.send("")).toMatchObject([
      { type: "errors", errors: { evidence: "Evidence: a link to your work is needed." } },
      { type: "prompt", field: "evidence" },
    ]);
    const done = await session.send("https://example.org/patch/2");
    // Submitted again: saved, and the mentor is told again.
    expect(done).toMatchObject([
      { type: "message", tone: "success" },
      { type: "direct_message", to: "linus" },
    ]);
    expect((await db.prisma.applicationTask.findFirstOrThrow({ where: { evidence: { not: null } } })).evidence).toBe(
      "https://example.org/patch/2",
    );
  });
});

describe("console: opening a term's applications", () => {
  it("says so when it is before the published date", async () => {
    const db = await testDatabase();
    const w = await buildWorld(db);
    const session = await consoleSession(db, { clock: w.clock });
    try {
      await createTerm(w.core, w.as.administrator, "lfx", {
        name: "2027-fall",
        kind: "full_time",
        applicationsOpenAt: new Date("2027-07-05T00:00:00Z"),
        applicationsCloseAt: new Date("2027-08-02T00:00:00Z"),
        selectionAt: new Date("2027-08-16T00:00:00Z"),
        startAt: new Date("2027-09-06T00:00:00Z"),
      });
      await session.send("/as grace");
      const [early] = await session.send("/mentorship term open lfx/2027-fall");
      expect(early).toMatchObject({ tone: "success" });
      expect(early?.text).toContain("are open, before the published date (Mon 5 Jul 2027, 00:00 (UTC))");
    } finally {
      await session.close();
      await db.close();
    }
  });
});

describe("console: a rehearsal's message headers", () => {
  it("give the time in the reader's zone: their profile's, else their program's, else UTC, named", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
    const bot = await startBot({
      config: loadConfig({
        DATABASE_URL: "memory://",
        LOG_LEVEL: "silent",
        MENTORSHIP_DATA_DIR: mkdtempSync(path.join(tmpdir(), "mentorship-headers-")),
      }),
      log: createLogger("silent"),
      rehearse: {},
      console: { input, output, json: false },
    });
    input.end(
      [
        "/time 2027-01-04 10:00",
        "/as Linus",
        "/mentorship profile mentor",
        "Docs person",
        "docs",
        "Europe/Berlin",
        "2",
        "# The operator creates two programs.",
        "/as operator",
        // grace has no profile: the program's zone. linus has one: his own. sam has none, in a UTC program.
        "/mentorship program create",
        "lfx",
        "LFX",
        "Asia/Kolkata",
        "@grace, @linus",
        "/mentorship program create",
        "other",
        "Other",
        "UTC",
        "@sam",
        "",
      ].join("\n"),
    );
    await bot.finished;
    await bot.stop();
    expect(printed).toContain("[message to grace, Mon 4 Jan 2027, 15:30 (Asia/Kolkata)]");
    // Headed with the name as typed with /as; the mention @linus names the same person.
    expect(printed).toContain("[message to Linus, Mon 4 Jan 2027, 11:00 (Europe/Berlin)]");
    expect(printed).toContain("[message to sam, Mon 4 Jan 2027, 10:00 (UTC)]");
    // Piped, what is printed reads as a transcript: the script's lines where a terminal would show them.
    expect(printed).toContain("\n# The operator creates two programs.\nLinus> /as operator\n");
    expect(printed).toContain("\noperator> /mentorship program create\n");
    expect(printed).toMatch(/\n {2}> Asia\/Kolkata\n/);
  });
});
