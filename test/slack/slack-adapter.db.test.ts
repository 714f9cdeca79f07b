import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { separateTestDatabase, testDatabase } from "../support/database.js";
import { blockButtons, blockText, slackHarness, type SlackHarness } from "../support/slack.js";

let db: Database;
let h: SlackHarness;
beforeEach(async () => {
  db = await testDatabase();
  h = await slackHarness(db);
});
afterEach(async () => {
  await h.close();
  await db.close();
});

const lastResponse = () =>
  h.fake.responses.at(-1)!.body as {
    response_type?: string;
    replace_original?: boolean;
    blocks?: never[];
    text?: string;
  };

describe("Slack: slash command", () => {
  it("acknowledges at once and answers /mentorship help ephemerally", async () => {
    const ada = h.user("UADA", "ada");
    const started = Date.now();
    const answer = await ada.command("help");
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await h.bot.idle();
    expect(lastResponse().response_type).toBe("ephemeral");
    expect(blockText(lastResponse().blocks)).toContain("/mentorship apply [project]");
  });

  it("opens a form as a modal, refuses a bad submission per field, and saves a good one", async () => {
    const operator = h.user("UOPERATOR", "olivia");
    await operator.command("program create");
    await h.bot.idle();
    const modal = h.fake.lastModal();
    expect(modal).toMatchObject({ type: "modal", callback_id: "program-create" });
    expect((modal.blocks as { block_id: string }[]).map((b) => b.block_id)).toEqual([
      "slug",
      "name",
      "timeZone",
      "administrators",
    ]);
    expect((modal.blocks as { element: { type: string } }[])[3]!.element.type).toBe("multi_users_select");

    const invalid = await operator.submit(modal, {
      slug: "Not A Slug!",
      name: "LFX",
      timeZone: "Mars/Base",
      administrators: ["UGRACE"],
    });
    expect(invalid.status).toBe(200);
    expect(JSON.parse(invalid.body)).toEqual({
      response_action: "errors",
      errors: {
        slug: "Short name: 2 to 40 lowercase letters, digits or dashes, e.g. lfx or 2027-spring.",
        timeZone: "Time zone must be an IANA name such as Europe/Berlin, America/New_York or UTC.",
      },
    });
    expect(await db.prisma.program.count()).toBe(0);

    const valid = await operator.submit(modal, {
      slug: "lfx",
      name: "LFX",
      timeZone: "UTC",
      administrators: ["UGRACE"],
    });
    expect(valid.status).toBe(200);
    await h.bot.idle();
    const program = await db.prisma.program.findUniqueOrThrow({
      where: { slug: "lfx" },
      include: { administrators: { include: { person: { include: { identities: true } } } } },
    });
    expect(program.administrators[0]?.person.identities[0]).toMatchObject({ platform: "slack", externalId: "UGRACE" });
    const confirmation = h.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "UOPERATOR");
    expect(blockText(confirmation?.args.blocks as never)).toContain("Program LFX (lfx) is created");
  });

  it("answers a person who may not do something with who may, and changes nothing", async () => {
    await h.user("UADA", "ada").command("program create");
    await h.bot.idle();
    expect(h.fake.callsTo("views.open")).toHaveLength(0);
    expect(blockText(lastResponse().blocks)).toContain("Only the bot's operators can create programs");
  });
});

describe("Slack: slow work", () => {
  it("with no time budget, acks a modal submission at once and sends its outcome as a message", async () => {
    await h.close();
    h = await slackHarness(db, "slack:UOPERATOR", 0);
    const operator = h.user("UOPERATOR", "olivia");
    await operator.command("program create");
    await h.bot.idle();
    const modal = h.fake.lastModal();
    const messages = () =>
      h.fake
        .callsTo("chat.postMessage")
        .filter((c) => c.args.channel === "UOPERATOR")
        .map((c) => blockText(c.args.blocks as never));
    const invalid = await operator.submit(modal, {
      slug: "Bad Slug",
      name: "LFX",
      timeZone: "UTC",
      administrators: ["UGRACE"],
    });
    expect(invalid).toEqual({ status: 200, body: "" });
    await h.bot.idle();
    expect(messages().at(-1)).toContain("Your form was not saved: Short name: 2 to 40 lowercase letters");
    await operator.submit(modal, { slug: "lfx", name: "LFX", timeZone: "UTC", administrators: ["UGRACE"] });
    await h.bot.idle();
    expect(messages().at(-1)).toContain("Program LFX (lfx) is created");
    // A rule the core checks is answered the same way, and nothing more is saved.
    await operator.submit(modal, { slug: "lfx", name: "Again", timeZone: "UTC", administrators: ["UGRACE"] });
    await h.bot.idle();
    expect(messages().at(-1)).toContain('Your form was not saved: A program called "lfx" exists already.');
    expect(await db.prisma.program.count()).toBe(1);
  });
});

describe("Slack: security", () => {
  it("rejects a forged signature and a stale timestamp with 401, and changes nothing", async () => {
    const ada = h.user("UADA", "ada");
    expect((await ada.command("help", { secret: "not-the-secret" })).status).toBe(401);
    expect((await ada.command("help", { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    await h.bot.idle();
    expect(h.fake.responses).toHaveLength(0);
    expect(await db.prisma.person.count()).toBe(0);
  });

  it("handles a retried delivery once", async () => {
    const ada = h.user("UADA", "ada");
    await ada.openHome("Ev123");
    await ada.openHome("Ev123", { retryNum: 1 });
    await h.bot.idle();
    expect(h.fake.callsTo("views.publish")).toHaveLength(1);
  });
});

describe("Slack: health", () => {
  it("answers GET /healthz with the database's state", async () => {
    const response = await fetch(`${h.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: { kind: db.kind, up: true } });
  });

  it("answers 503 when the database is down", async () => {
    const own = await separateTestDatabase();
    const other = await slackHarness(own);
    try {
      await own.close();
      const response = await fetch(`${other.base}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", database: { kind: own.kind, up: false } });
    } finally {
      await other.close();
    }
  });
});

export { blockButtons };
