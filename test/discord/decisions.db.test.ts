// Buttons, embeds' limits and one person on two platforms, on a program built
// through the core whose people are linked to Discord identities.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LIMITS } from "../../src/adapters/discord/limits.js";
import { reviewTask } from "../../src/core/applications.js";
import { setApplicationsState } from "../../src/core/programs.js";
import type { Database } from "../../src/store/database.js";
import { commandFromLine } from "../../src/chat/command-tree.js";
import type { View } from "../../src/chat/views.js";
import { testDatabase } from "../support/database.js";
import { discordHarness, modalFieldIds, type DiscordHarness } from "../support/discord.js";
import { slackHarness } from "../support/slack.js";
import { buildLargest } from "../support/largest.js";
import { buildWorld, type World } from "../support/world.js";

let db: Database;
let h: DiscordHarness;
let w: World;
beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  h = await discordHarness(db);
  for (const [name, role] of [
    ["grace", "administrator"],
    ["linus", "mentor"],
    ["bob", "otherMentee"],
    ["sam", "stranger"],
  ] as const) {
    await db.prisma.identity.create({
      data: { personId: w.as[role].personId, platform: "discord", externalId: h.idOf(name) },
    });
  }
});
afterEach(async () => {
  await h.close();
  await db.close();
});

type Data = Record<string, unknown>;
const buttons = (data: Data) =>
  ((data.components as { components: { label: string; custom_id: string }[] }[] | undefined) ?? []).flatMap(
    (r) => r.components,
  );
const text = (data: Data) => JSON.stringify(data.embeds ?? []);

async function closed() {
  await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
  h.clock.set("2027-02-09T10:00:00Z");
  w.clock.set("2027-02-09T10:00:00Z");
  await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
}

describe("Discord buttons", () => {
  it("a decision updates its message with who decided; a second press or a stranger only learns why", async () => {
    await closed();
    const grace = h.user("grace");
    const list = await grace.command("applications kernel-docs");
    const accept = buttons(list.data).find((b) => b.label.startsWith("Accept"))!;
    const stranger = await h.user("sam").press(accept.custom_id);
    expect(stranger.type).toBe(6);
    expect(text(stranger.data)).toContain("Only administrators of LFX can accept applications");
    expect(await db.prisma.enrollment.count()).toBe(0);
    const first = await grace.press(accept.custom_id, { embeds: list.data.embeds, components: list.data.components });
    expect(first.type).toBe(6);
    expect(text(first.data)).toMatch(/ada is accepted into Kernel docs — by grace, Tue 9 Feb 2027, 10:00 \(UTC\)/);
    const second = await grace.press(accept.custom_id);
    expect(second.type).toBe(6);
    expect(text(second.data)).toContain("This application is accepted already on 2027-02-09; nothing was changed.");
    expect(await db.prisma.enrollment.count()).toBe(1);
  });
});

describe("Discord file uploads", () => {
  it("keeps a prerequisite's evidence uploaded in the modal as its attachment URL", async () => {
    await db.prisma.identity.create({
      data: { personId: w.as.mentee.personId, platform: "discord", externalId: h.idOf("ada") },
    });
    const ada = h.user("ada");
    const tasks = await ada.command("tasks");
    const submit = buttons(tasks.data).find((b) => b.label.startsWith("Submit"))!;
    const modal = await ada.press(submit.custom_id);
    expect(modal.type).toBe(9);
    const upload = (modal.data.components as { component: { type: number; custom_id: string } }[]).find(
      (c) => c.component.custom_id === "evidenceFile",
    );
    expect(upload?.component.type).toBe(19);
    const url = "https://cdn.discordapp.com/attachments/1/2/evidence.pdf";
    const saved = await ada.submit(modal.data, { evidenceFile: url });
    expect(text(saved.data)).toContain("is submitted; a mentor will verify it");
    expect((await db.prisma.applicationTask.findUniqueOrThrow({ where: { id: w.ids.task } })).evidence).toBe(url);
  });
});

describe("Discord: evidence a prerequisite requires", () => {
  it("labels the link and the file as alternatives, and asks both again when neither came", async () => {
    await db.prisma.identity.create({
      data: { personId: w.as.mentee.personId, platform: "discord", externalId: h.idOf("ada") },
    });
    const ada = h.user("ada");
    const tasks = await ada.command("tasks");
    const modal = await ada.press(buttons(tasks.data).find((b) => b.label.startsWith("Submit"))!.custom_id);
    const labels = (modal.data.components as { label: string; component: { custom_id: string } }[]).map((c) => [
      c.component.custom_id,
      c.label,
    ]);
    expect(labels).toEqual([
      ["evidence", "Link, or upload a file below — one is needed"],
      ["evidenceFile", "Or upload a file instead of the link"],
    ]);
    const refused = await ada.submit(modal.data, {});
    expect(text(refused.data)).toContain("needs evidence: give a link here, or upload a file below.");
    const fix = buttons(refused.data).find((b) => b.custom_id.startsWith("f|"))!;
    const again = await ada.press(fix.custom_id);
    expect(again.type).toBe(9);
    expect(modalFieldIds(again.data)).toEqual(["evidence", "evidenceFile"]);
    const url = "https://cdn.discordapp.com/attachments/1/2/evidence.pdf";
    const saved = await ada.submit(again.data, { evidenceFile: url });
    expect(text(saved.data)).toContain("is submitted; a mentor will verify it");
    expect((await db.prisma.applicationTask.findUniqueOrThrow({ where: { id: w.ids.task } })).evidence).toBe(url);
  });
});

/** A message Discord would take: embeds, fields, rows and buttons within its limits. */
function withinLimits(data: Data, { paged = true } = {}) {
  const embeds = data.embeds as { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  const total = embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
    0,
  );
  expect(total).toBeLessThanOrEqual(LIMITS.embedsTotal);
  for (const embed of embeds) {
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  // A paged list leaves nothing out; the dashboard (not paged) may say what it left out.
  if (paged) expect(text(data)).not.toMatch(/more not shown here/);
  const rows = data.components as { components: { custom_id: string; label: string }[] }[];
  expect(rows.length).toBeLessThanOrEqual(LIMITS.rows);
  for (const row of rows) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(b.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  }
}

/** The pages of a list, from its first answer, pressing Next until there is none. */
async function pagesFrom(user: ReturnType<DiscordHarness["user"]>, first: Awaited<ReturnType<typeof user.command>>) {
  const pages: Data[] = [];
  let answer = first;
  for (;;) {
    withinLimits(answer.data);
    pages.push(answer.data);
    const next = buttons(answer.data).find((b) => b.label === "Next");
    if (!next) return pages;
    expect(pages.length).toBeLessThan(100);
    answer = await user.press(next.custom_id, { embeds: answer.data.embeds, components: answer.data.components });
  }
}

/** Every button an answer's views carry but the pages' own, as `action|value`. */
const buttonsOf = (views: View[]) =>
  views.flatMap((v) =>
    v.type === "message" ? [...(v.sections ?? []).flatMap((s) => s.buttons ?? []), ...(v.buttons ?? [])] : [],
  );

describe("Discord embeds", () => {
  it("the largest realistic program fits Discord's limits, and Next reaches every item and its buttons", async () => {
    const { payments } = await buildLargest(w);
    h.clock.set(w.clock.now());
    const grace = h.user("grace");
    const seen: string[] = [];
    const applicationPages = await pagesFrom(grace, await grace.command("applications k8s-ops"));
    for (const [index, page] of applicationPages.entries()) {
      expect(text(page)).toContain(`Page ${index + 1} of ${applicationPages.length}`);
      const embeds = page.embeds as { fields?: { name: string }[] }[];
      seen.push(...embeds.flatMap((e) => e.fields ?? []).map((f) => f.name.split(" → ")[0]!));
      // Each section's Accept and Decline are there too: every applicant can be decided from Discord.
      expect(buttons(page).filter((b) => b.label.startsWith("Accept")).length).toBeGreaterThan(0);
    }
    const applications = await db.prisma.application.count({ where: { project: { slug: "k8s-ops" } } });
    expect(applications).toBeGreaterThanOrEqual(60);
    expect(new Set(seen).size).toBe(applications);
    expect(seen).toHaveLength(applications);

    // The dashboard and the digest of an administrator of 7 programs: every button the whole answer has
    // (as the console shows it, unpaged) is on one of the pages, and each page says where it is.
    const asConsole = { platform: "console" as const, externalId: "grace", displayName: "grace" };
    for (const line of ["home", "admin digest lfx"]) {
      const whole = buttonsOf(await h.bot.chat.handle(asConsole, commandFromLine(line)));
      const pages = await pagesFrom(grace, await grace.command(line));
      expect(pages.length).toBeGreaterThan(1);
      const total = new RegExp(`Page 1 of ${pages.length}: 1–\\d+ of (\\d+)\\.`).exec(text(pages[0]!));
      expect(total).not.toBeNull();
      const shown = pages.flatMap((p) => buttons(p)).filter((b) => !b.custom_id.startsWith("b|page|"));
      expect(shown.map((b) => b.custom_id).sort()).toEqual(whole.map((b) => `b|${b.action}|${b.value}`).sort());
      for (const payment of payments) expect(shown.map((b) => b.custom_id)).toContain(`b|stipend.approve|${payment}`);
    }

    // The digest in the administrators' channel: its pages posted one after another, every payment's buttons.
    await grace.command("admin digest-channel lfx <#900000000000000777>");
    h.clock.set("2027-02-15T09:00:00Z");
    await h.bot.scheduler.tick();
    const channel = "/channels/900000000000000777/messages";
    const posts = h.fake.calls.filter((c) => c.method === "POST" && c.path === channel);
    expect(posts.length).toBeGreaterThan(1);
    const posted = posts.flatMap((post, i) => {
      const data = post.body as Data;
      withinLimits(data);
      expect(text(data)).toContain(`Digest — LFX (${i + 1} of ${posts.length})`);
      expect(buttons(data).some((b) => b.label === "Next")).toBe(false);
      return buttons(data).map((b) => b.custom_id);
    });
    for (const payment of payments) expect(posted).toContain(`b|stipend.decline|${payment}`);
    await h.bot.scheduler.tick();
    expect(h.fake.calls.filter((c) => c.method === "POST" && c.path === channel)).toHaveLength(posts.length);
  }, 180_000);
});

describe("one person on Slack and Discord", () => {
  it("links the two accounts with a one-time code and sees the same state on each", async () => {
    const slack = await slackHarness(db);
    try {
      // ada already uses Slack (her Slack account belongs to her person).
      await db.prisma.identity.create({
        data: { personId: w.as.mentee.personId, platform: "slack", externalId: "UADA" },
      });
      const onSlack = slack.user("UADA", "ada");
      const asked = await onSlack.command("link");
      await slack.bot.idle();
      const code = /link (\d{6}-\d{3})/.exec(
        JSON.stringify(slack.fake.responses.find((r) => r.url.endsWith(`/${asked.triggerId}`))!.body),
      )![1]!;
      const linked = await h.user("ada").command(`link ${code}`);
      expect(text(linked.data)).toContain("Linked");
      const discordStatus = text((await h.user("ada").command("status")).data);
      const slackStatus = await onSlack.command("status");
      await slack.bot.idle();
      const slackText = JSON.stringify(
        slack.fake.responses.find((r) => r.url.endsWith(`/${slackStatus.triggerId}`))!.body,
      );
      for (const fact of ["Kernel docs", "Application: pending", "Docs patch", "submitted"]) {
        expect(discordStatus).toContain(fact);
        expect(slackText).toContain(fact);
      }
      const identities = await db.prisma.identity.findMany({ where: { personId: w.as.mentee.personId } });
      expect(identities.map((i) => i.platform).sort()).toEqual(["console", "discord", "slack"]);
    } finally {
      await slack.close();
    }
  });
});

describe("Discord conveniences", () => {
  it("suggests projects as an option is typed", async () => {
    const answer = await h.user("bob").autocomplete(["project", "show"], "project", "kern");
    expect(answer.type).toBe(8);
    expect(answer.data.choices).toEqual([
      { name: "Kernel docs (lfx/2027-spring/kernel-docs)", value: "lfx/2027-spring/kernel-docs" },
    ]);
  });

  it("posts the digest to the channel the administrators chose on Discord", async () => {
    await h.user("grace").command("admin digest-channel lfx <#900000000000000777>");
    h.clock.set("2027-01-11T09:00:00Z");
    await h.bot.scheduler.tick();
    const post = h.fake.calls.find((c) => c.method === "POST" && c.path === "/channels/900000000000000777/messages");
    expect(text(post!.body)).toContain("Digest — LFX");
  });

  it.each([
    "profile mentee",
    "profile mentor",
    "term create lfx",
    "project add lfx/2027-spring",
    "project prerequisite kernel-docs",
    "project plan-item kernel-docs",
  ])("/mentorship %s names each refused field of an empty form", async (command) => {
    const person = command.startsWith("profile") ? h.user("bob") : h.user("grace");
    let answer = await person.command(command);
    // Step through the form giving nothing, until the bot answers.
    for (let i = 0; i < 5 && answer.type === 9; i++) {
      const blank = Object.fromEntries(modalFieldIds(answer.data).map((id) => [id, ""]));
      answer = await person.submit(answer.data, blank);
      const next = buttons(answer.data).find((b) => b.custom_id.startsWith("f|") && b.label === "Continue");
      if (next && !text(answer.data).includes("Please fix")) answer = await person.press(next.custom_id);
    }
    expect(text(answer.data)).toContain("Please fix these fields");
    expect(text(answer.data)).toMatch(/\*\*[^*]+:\*\* /);
  });
});

describe("Discord deadlines", () => {
  it("defers when the answer may be slow and follows up with it", async () => {
    // One bot holds the gateway of a PostgreSQL database at a time: the usual one stops first.
    await h.close();
    h = await discordHarness(db, "operator", 0);
    const answer = await h.user("ada").command("help");
    expect(answer.type).toBe(5);
    expect(JSON.stringify(answer.followUps.at(-1)?.body.embeds)).toContain("/mentorship apply [project]");
  });
});
