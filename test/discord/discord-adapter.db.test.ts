import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { discordHarness, modalFieldIds, type DiscordHarness } from "../support/discord.js";

let db: Database;
let h: DiscordHarness;
beforeEach(async () => {
  db = await testDatabase();
  h = await discordHarness(db);
});
afterEach(async () => {
  await h.close();
  await db.close();
});

const embedsText = (data: Record<string, unknown>) => JSON.stringify(data.embeds ?? []);

describe("Discord: slash command", () => {
  it("connects through the gateway and answers /mentorship help with an ephemeral embed", async () => {
    expect(h.fake.identified).toHaveLength(1);
    const ada = h.user("ada");
    const answer = await ada.command("help");
    // Help can never be a form: deferred at once (ephemeral), then answered in one ephemeral message.
    expect(answer.type).toBe(5);
    const [callback] = h.fake.callbacks(String(ada.lastInteraction.id));
    expect((callback!.body.data as { flags?: number }).flags).toBe(64);
    expect(answer.followUps).toHaveLength(1);
    expect(answer.data.flags).toBe(64);
    expect(embedsText(answer.data)).toContain("/mentorship apply [project]");
  });

  it("opens a form as a modal, refuses bad fields with their labels, and saves a good one", async () => {
    const operator = h.user("operator");
    const opened = await operator.command("program create");
    expect(opened.type).toBe(9);
    const modal = opened.data;
    expect((modal.components as unknown[]).length).toBeLessThanOrEqual(5);
    const bad = await operator.submit(modal, {
      slug: "Not A Slug!",
      name: "LFX",
      timeZone: "UTC",
      administrators: `<@${h.idOf("grace")}>`,
    });
    expect(bad.type).toBe(4);
    expect(embedsText(bad.data)).toContain("Short name (used in commands):** Short name: 2 to 40 lowercase letters");
    const fix = (bad.data.components as { components: { custom_id: string }[] }[])[0]!.components[0]!.custom_id;
    const again = await operator.press(fix);
    expect(again.type).toBe(9);
    expect(modalFieldIds(again.data)).toEqual(["slug"]);
    const saved = await operator.submit(again.data, { slug: "lfx" });
    expect(embedsText(saved.data)).toContain("Program LFX (lfx) is created");
    const admin = await db.prisma.identity.findFirstOrThrow({
      where: { platform: "discord", externalId: h.idOf("grace") },
    });
    expect(await db.prisma.programAdministrator.count({ where: { personId: admin.personId } })).toBe(1);
  });
});

describe("Discord: gateway", () => {
  it("resumes after a disconnect without losing an interaction already acknowledged", async () => {
    const ada = h.user("ada");
    const pending = ada.command("help");
    // The connection drops while the answer is on its way; it goes over REST regardless.
    h.fake.disconnect();
    const answer = await pending;
    expect(answer.type).toBe(5);
    for (let i = 0; i < 400 && h.fake.resumed.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.fake.resumed).toHaveLength(1);
    expect(h.fake.identified).toHaveLength(1);
    expect((await ada.command("terms")).type).toBe(5);
  }, 30_000);
});
