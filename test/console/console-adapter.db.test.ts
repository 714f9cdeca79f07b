import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { consoleSession, type ConsoleSession } from "../support/console.js";
import { testDatabase } from "../support/database.js";

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
    expect(JSON.stringify(help)).toContain("/mentorship help —");
  });

  it("switches the acting person with /as and creates them on first use", async () => {
    const [switched] = await session.send("/as ada");
    expect(switched).toMatchObject({ type: "notice", kind: "as", text: 'You are now "ada".' });
    await session.send("/mentorship help");
    const people = await db.prisma.identity.findMany({ where: { platform: "console", externalId: "ada" } });
    expect(people).toHaveLength(1);
  });

  it("answers unknown input and bad names with a plain sentence", async () => {
    const [unknown] = await session.send("hello");
    expect(unknown).toMatchObject({ type: "notice", kind: "error" });
    const [badName] = await session.send("/as two words");
    expect(badName).toMatchObject({ type: "notice", kind: "error", text: expect.stringContaining("Usage: /as <name>") });
    const [badCommand] = await session.send("/mentorship frobnicate");
    expect(badCommand).toMatchObject({ type: "message", tone: "error", text: expect.stringContaining("help") });
    const [noButtons] = await session.send("3");
    expect(noButtons).toMatchObject({ kind: "error", text: "There are no buttons to choose." });
  });
});
