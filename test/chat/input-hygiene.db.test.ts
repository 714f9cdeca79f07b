// Input hygiene at the chat boundary, each fix the fuzzing (test/reliability/fuzz.test.ts) led to:
// NUL bytes and lone surrogates are refused per field or line before the database sees them, display
// names from platforms are cleaned, ids of nothing are refusals, and first contact is idempotent.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../src/adapters/console/console-adapter.js";
import { Chat } from "../../src/chat/chat.js";
import { cleanDisplayName, isUnstorable } from "../../src/chat/hygiene.js";
import type { MessageView, View } from "../../src/chat/views.js";
import { inTransaction } from "../../src/core/context.js";
import { resolveActor, type IdentityRef } from "../../src/core/people.js";
import { testDatabase, type TestDatabase } from "../support/database.js";
import { buildWorld, enrollAda, insideWindow, type World } from "../support/world.js";

const INTERNAL_ERROR = "something went wrong on our side";

let db: TestDatabase;
let w: World;
let chat: Chat;
let logged: string[];
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  logged = [];
  chat = new Chat(w.core, pino({ level: "error" }, { write: (line: string) => void logged.push(line) }));
});
afterEach(async () => {
  await db.close();
});

const ada = consoleIdentity("ada");
const grace = consoleIdentity("grace");
const linus = consoleIdentity("linus");
const textOf = (views: View[]) => views.map((v) => (v as MessageView).text ?? "").join(" ");
const refused = (views: View[]) => views.length === 1 && (views[0] as MessageView).tone === "error";

/** Row counts of the tables a refused request could have written to. */
async function counts() {
  const [row] = await db.sql.query<Record<string, string | number>>(`SELECT
    (SELECT count(*) FROM "Person") AS persons, (SELECT count(*) FROM "Identity") AS identities,
    (SELECT count(*) FROM "AuditLog") AS audit, (SELECT count(*) FROM "MenteeProfile") AS profiles,
    (SELECT count(*) FROM "OutboxMessage") AS outbox`);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

describe("characters the database cannot store", () => {
  it("are recognised: NUL anywhere and lone surrogates of either kind, not pairs", () => {
    expect(isUnstorable("a\u0000b")).toBe(true);
    expect(isUnstorable("x\uD800")).toBe(true);
    expect(isUnstorable("\uDC00x")).toBe(true);
    expect(isUnstorable("\uDFFF\uD800")).toBe(true);
    expect(isUnstorable("😀 Zoë 𝕏")).toBe(false);
    expect(isUnstorable("")).toBe(false);
  });

  it("in a command line: refused with a sentence, nothing written", async () => {
    const before = await counts();
    for (const line of [
      "admin decline-remaining k8s-ops full\u0000",
      "admin end @ada non-performance \uD83D",
      "link \uDC00",
    ]) {
      const views = await chat.command(grace, line);
      expect(refused(views), line).toBe(true);
      expect(textOf(views)).toContain("cannot be stored (a NUL byte or a broken Unicode character)");
    }
    expect(await counts()).toEqual(before);
    expect(logged).toEqual([]);
  });

  it("in a form: refused on that field only, beside the other fields' own errors", async () => {
    await chat.command(consoleIdentity("zoe"), "profile show");
    const before = await counts();
    const result = await chat.submit(consoleIdentity("zoe"), "profile-mentee", "", {
      skills: "go\u0000",
      interests: "kernels",
      links: "",
      country: "ZZZ",
      timeZone: "UTC",
      availability: "full_\uD800time",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        skills: expect.stringContaining("cannot be stored") as string,
        availability: expect.stringContaining("cannot be stored") as string,
        country: "Country must be an ISO 3166-1 two-letter code such as IN, DE or BR.",
      },
    });
    expect(await counts()).toEqual(before);
  });

  it("in a form's context or a button's value: the form or button is refused as stale", async () => {
    const form = await chat.submit(linus, "task-send-back", `${w.ids.task}\u0000`, { comment: "Please add tests." });
    expect(form.ok && textOf(form.views)).toContain("This form is no longer in use");
    const button = await chat.action(grace, "application.accept", `${w.ids.application}\uDBFF`);
    expect(textOf(button)).toContain("This button is no longer in use");
    const huge = await chat.action(grace, "application.accept", "x".repeat(300_000));
    expect(textOf(huge)).toContain("This button is no longer in use");
    expect(logged).toEqual([]);
  });

  it("in a command longer than a platform allows: refused, not looked up", async () => {
    const views = await chat.command(grace, `admin end @ada non-performance ${"x".repeat(5_000)}`);
    expect(textOf(views)).toContain("That command is too long: at most 4000 characters.");
  });
});

describe("identities from platforms", () => {
  it("a display name with NUL, lone surrogates or control characters is cleaned before it is stored", async () => {
    const who: IdentityRef = {
      platform: "slack",
      externalId: "U0ZOE",
      displayName: "\u0007Zo\u0000ë \uD800 \u001B[31mred\n",
    };
    const views = await chat.command(who, "profile show");
    expect(refused(views)).toBe(false);
    const person = await db.prisma.person.findFirstOrThrow({
      where: { identities: { some: { externalId: "U0ZOE" } } },
    });
    expect(person.displayName).toBe("Zo ë \uFFFD [31mred");
  });

  it("a display name that cleans to nothing falls back to the platform id; a long one is clipped whole", () => {
    expect(cleanDisplayName("\u0000\u0001 \n", "U0ZOE")).toBe("U0ZOE");
    const clipped = cleanDisplayName("𝕏".repeat(100), "U0ZOE");
    expect([...clipped]).toHaveLength(80);
    expect(isUnstorable(clipped)).toBe(false);
  });

  it("an identity whose platform id cannot be stored is refused, and no person is created", async () => {
    const before = await counts();
    // A blank or spaced id too: with a display name that cleans to nothing, it would have been the name.
    for (const externalId of ["U0\u0000ZOE", "U0\uD800", "", "U".repeat(500), " ", "\u2028", "U0 ZOE"]) {
      const views = await chat.command({ platform: "slack", externalId, displayName: "\u0007" }, "profile show");
      expect(textOf(views)).toContain("cannot work with this account");
    }
    expect(await counts()).toEqual(before);
  });

  it("a mention naming an id longer than any platform's does not create a person", async () => {
    const before = await counts();
    const views = await chat.command(grace, `admin add lfx <@U${"1".repeat(60)}>`);
    expect(textOf(views)).toContain("does not name a person");
    expect(await counts()).toEqual(before);
  });

  it("first contacts of one new person at once resolve to one person with one identity", async () => {
    const who: IdentityRef = { platform: "discord", externalId: "812345678901234567", displayName: "zoe" };
    const actors = await Promise.all(Array.from({ length: 8 }, () => resolveActor(w.core, who)));
    expect(new Set(actors.map((a) => a.personId)).size).toBe(1);
    const persons = await db.prisma.person.count({ where: { displayName: "zoe" } });
    expect(persons).toBe(1);
    expect(await db.prisma.identity.count({ where: { externalId: "812345678901234567" } })).toBe(1);
  });

  it("the same new person named by two administrators at once is created once", async () => {
    const answers = await Promise.all([
      chat.command(grace, "admin add lfx @newcomer"),
      chat.command(grace, "admin add lfx @NewComer"),
    ]);
    expect(textOf(answers.flat())).not.toContain(INTERNAL_ERROR);
    expect(await db.prisma.identity.count({ where: { platform: "console", externalId: "newcomer" } })).toBe(1);
  });
});

describe("dates", () => {
  it("a day the calendar does not have is refused in the form, not failed on later", async () => {
    await enrollAda(w);
    const enrollment = await db.prisma.enrollment.findFirstOrThrow();
    for (const dueAt of ["2027-02-29", "2027-02-30", "2027-04-31", "2027-13-01"]) {
      const result = await chat.submit(ada, "plan-add", enrollment.id, { kind: "task", title: "Write", dueAt });
      expect(result, dueAt).toEqual({ ok: false, errors: { dueAt: "Due is not a real date." } });
    }
    // The last day of a long month is real (and inside the term, where a plan item falls due).
    const real = await chat.submit(ada, "plan-add", enrollment.id, {
      kind: "task",
      title: "Write",
      dueAt: "2027-03-31",
    });
    expect(real.ok && textOf(real.views)).toContain('"Write" is added to the plan.');
    expect(logged).toEqual([]);
  });
});

describe("ids of nothing, from replayed or forged buttons and forms", () => {
  const nowhere = "00000000-0000-0000-0000-000000000000";

  it("verifying or sending back an unknown task: 'That task no longer exists'", async () => {
    expect(textOf(await chat.action(linus, "task.complete", nowhere))).toContain("That task no longer exists");
    const sentBack = await chat.submit(linus, "task-send-back", nowhere, { comment: "Please add tests." });
    expect(sentBack.ok && textOf(sentBack.views)).toContain("That task no longer exists");
  });

  it("deciding a mentor request of an unknown project: a refusal", async () => {
    const views = await chat.action(grace, "mentor.approve", `${nowhere}:${w.as.mentor.personId}`);
    expect(refused(views)).toBe(true);
    expect(textOf(views)).toContain("That project no longer exists");
    expect(textOf(await chat.action(grace, "mentor.decline", "no-colon"))).toContain("That project no longer exists");
  });

  it("adding to the plan of an unknown enrollment: a refusal", async () => {
    await enrollAda(w);
    const result = await chat.submit(ada, "plan-add", nowhere, {
      kind: "task",
      title: "Write a chapter",
      dueAt: "2027-04-01",
    });
    expect(result.ok && textOf(result.views)).toContain("That enrollment no longer exists");
    expect(logged).toEqual([]);
  });
});

describe("the same request twice at once (a double click, a platform's retry)", () => {
  it("a use case that lost a race on a unique key runs again and answers as its check would", async () => {
    let runs = 0;
    const raced = await inTransaction(w.core, w.as.mentee, async () => {
      runs++;
      if (runs === 1) throw Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
      return "answered";
    });
    expect([raced, runs]).toEqual(["answered", 2]);
    // Our own bug (the same key every time) still fails, after a few tries, instead of looping.
    let tries = 0;
    const bug = inTransaction(w.core, w.as.mentee, async () => {
      tries++;
      throw Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
    });
    await expect(bug).rejects.toThrow("Unique constraint failed");
    expect(tries).toBe(4);
  });

  it("a self-report submitted three times at once is saved once; the others are told it was sent", async () => {
    await enrollAda(w);
    w.clock.set(insideWindow(1));
    const values = { checkpoint: "1", hours: "30", support: "Weekly calls", progress: "A chapter" };
    const results = await Promise.all([1, 2, 3].map(() => chat.submit(ada, "self-report", "", values)));
    expect(JSON.stringify(results)).not.toContain(INTERNAL_ERROR);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.errors.checkpoint)).toEqual([
      "You sent your self-report for First evaluation already.",
      "You sent your self-report for First evaluation already.",
    ]);
    expect(await db.prisma.selfReport.count()).toBe(1);
  });
});
