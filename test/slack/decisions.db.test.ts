// Buttons, App Home and Block Kit limits, on a program built through the core
// whose people are linked to Slack identities.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LIMITS } from "../../src/adapters/slack/limits.js";
import { apply, reviewTask } from "../../src/core/applications.js";
import { resolveActor, saveMenteeProfile } from "../../src/core/people.js";
import { createProgram, setApplicationsState } from "../../src/core/programs.js";
import { enrollProject } from "../../src/core/projects.js";
import { dispatch } from "../../src/scheduler/dispatcher.js";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { blockButtons, blockText, slackHarness, type SlackHarness } from "../support/slack.js";
import { buildWorld, type World } from "../support/world.js";

let db: Database;
let h: SlackHarness;
let w: World;

beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  h = await slackHarness(db);
  // The world's people, reachable from Slack too (as /mentorship link does).
  for (const [name, role] of [
    ["grace", "administrator"],
    ["linus", "mentor"],
    ["ada", "mentee"],
    ["bob", "otherMentee"],
    ["sam", "stranger"],
  ] as const) {
    await db.prisma.identity.create({
      data: { personId: w.as[role].personId, platform: "slack", externalId: `U${name.toUpperCase()}` },
    });
  }
  h.clock.set(w.clock.now());
});
afterEach(async () => {
  await h.close();
  await db.close();
});

type Blocks = Parameters<typeof blockText>[0];
const response = (triggerId: string) =>
  h.fake.responses.find((r) => r.url.endsWith(`/${triggerId}`))!.body as { replace_original: boolean; blocks: Blocks };

async function closeWithTaskVerified() {
  await reviewTask(w.core, w.as.mentor, w.ids.task, { complete: true });
  h.clock.set("2027-02-09T10:00:00Z");
  w.clock.set("2027-02-09T10:00:00Z");
  await setApplicationsState(w.core, w.as.administrator, "lfx/2027-spring", "closed");
}

describe("Slack buttons", () => {
  it("a decision replaces its message with who decided and when; a re-press or stranger only learns why", async () => {
    await closeWithTaskVerified();
    const grace = h.user("UGRACE", "grace");
    const list = await grace.command("applications kernel-docs");
    await h.bot.idle();
    const accept = blockButtons(response(list.triggerId).blocks).find((b) => b.label === "Accept")!;
    expect(accept.value).toBe(w.ids.application);

    const stranger = await h.user("USAM", "sam").press(accept);
    await h.bot.idle();
    expect(response(stranger.triggerId).replace_original).toBe(false);
    expect(blockText(response(stranger.triggerId).blocks)).toContain(
      "Only administrators of LFX can accept applications",
    );
    expect(await db.prisma.enrollment.count()).toBe(0);

    const first = await grace.press(accept);
    await h.bot.idle();
    expect(response(first.triggerId).replace_original).toBe(true);
    expect(blockText(response(first.triggerId).blocks)).toMatch(
      /ada is accepted into Kernel docs — by grace, Tue 9 Feb 2027, 10:00 \(UTC\)/,
    );

    const second = await grace.press(accept);
    await h.bot.idle();
    expect(response(second.triggerId).replace_original).toBe(false);
    expect(blockText(response(second.triggerId).blocks)).toContain(
      "This application is accepted already on 2027-02-09; nothing was changed.",
    );
    expect(await db.prisma.enrollment.count()).toBe(1);
    // The mentee is told by direct message, once, when the selection is announced (22 Feb).
    const told = () =>
      h.fake
        .callsTo("chat.postMessage")
        .filter(
          (c) => c.args.channel === "UADA" && blockText(c.args.blocks as Blocks).includes("accepted into Kernel docs"),
        );
    expect(told()).toHaveLength(0);
    h.clock.set("2027-02-22T00:00:00Z");
    for (const adapter of h.bot.adapters) await h.bot.chat.deliverNow(adapter.sender);
    for (const adapter of h.bot.adapters) await h.bot.chat.deliverNow(adapter.sender);
    expect(told()).toHaveLength(1);
  });

  it("a decline asks for the reason in a modal", async () => {
    await closeWithTaskVerified();
    const grace = h.user("UGRACE", "grace");
    const list = await grace.command("applications kernel-docs");
    await h.bot.idle();
    await grace.press(blockButtons(response(list.triggerId).blocks).find((b) => b.label === "Decline")!);
    await h.bot.idle();
    const modal = h.fake.lastModal();
    expect(modal).toMatchObject({ callback_id: "application-decline", private_metadata: w.ids.application });
    expect(JSON.parse((await grace.submit(modal, { reason: "" })).body)).toEqual({
      response_action: "errors",
      errors: { reason: "Reason is required." },
    });
    expect((await grace.submit(modal, { reason: "Not this time." })).status).toBe(200);
    await h.bot.idle();
    expect(await db.prisma.application.findUniqueOrThrow({ where: { id: w.ids.application } })).toMatchObject({
      status: "declined",
      declineReason: "Not this time.",
    });
  });
});

describe("Slack file uploads", () => {
  it("keeps a prerequisite's evidence uploaded in the modal as the file's permalink", async () => {
    const ada = h.user("UADA", "ada");
    const tasks = await ada.command("tasks");
    await h.bot.idle();
    await ada.press(blockButtons(response(tasks.triggerId).blocks).find((b) => b.label.startsWith("Submit"))!);
    await h.bot.idle();
    const modal = h.fake.lastModal();
    const blocks = modal.blocks as { block_id: string; element: { type: string } }[];
    expect(blocks.find((b) => b.block_id === "evidenceFile")?.element).toEqual({
      type: "file_input",
      action_id: "value",
      max_files: 1,
    });
    const permalink = "https://lfx.slack.com/files/U0/F0123EVIDENCE/evidence.pdf";
    expect((await ada.submit(modal, { evidenceFile: permalink })).status).toBe(200);
    await h.bot.idle();
    expect((await db.prisma.applicationTask.findUniqueOrThrow({ where: { id: w.ids.task } })).evidence).toBe(permalink);
  });
});

describe("Slack: evidence a prerequisite requires", () => {
  it("labels the link and the file as alternatives, one needed, and refuses neither under each field", async () => {
    const ada = h.user("UADA", "ada");
    const tasks = await ada.command("tasks");
    await h.bot.idle();
    await ada.press(blockButtons(response(tasks.triggerId).blocks).find((b) => b.label.startsWith("Submit"))!);
    await h.bot.idle();
    const modal = h.fake.lastModal();
    const blocks = modal.blocks as { block_id: string; label: { text: string } }[];
    expect(blocks.map((b) => [b.block_id, b.label.text])).toEqual([
      ["evidence", "Link, or upload a file below — one is needed"],
      ["evidenceFile", "Or upload a file instead of the link"],
    ]);
    expect(JSON.parse((await ada.submit(modal, {})).body)).toEqual({
      response_action: "errors",
      errors: {
        evidence: '"Docs patch" needs evidence: give a link here, or upload a file below.',
        evidenceFile: "Or upload a file here: one of the two is needed.",
      },
    });
    expect((await db.prisma.applicationTask.findUniqueOrThrow({ where: { id: w.ids.task } })).evidence).toBe(
      "https://example.org/1",
    );
    expect((await ada.submit(modal, { evidence: "https://example.org/2" })).status).toBe(200);
    await h.bot.idle();
    expect((await db.prisma.applicationTask.findUniqueOrThrow({ where: { id: w.ids.task } })).evidence).toBe(
      "https://example.org/2",
    );
  });
});

describe("Slack forms", () => {
  it.each([
    "profile mentee",
    "profile mentor",
    "program create",
    "term create lfx",
    "project add lfx/2027-spring",
    "project prerequisite kernel-docs",
    "project plan-item kernel-docs",
  ])("/mentorship %s refuses an empty submission field by field", async (command) => {
    const person = command.startsWith("program")
      ? h.user("UOPERATOR", "operator")
      : command.startsWith("profile")
        ? h.user("UADA", "ada")
        : h.user("UGRACE", "grace");
    await person.command(command);
    await h.bot.idle();
    const modal = h.fake.lastModal();
    const blocks = modal.blocks as { block_id: string; optional: boolean }[];
    const answer = JSON.parse((await person.submit(modal, {})).body) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(answer.response_action).toBe("errors");
    const required = blocks.filter((b) => !b.optional).map((b) => b.block_id);
    // Every error names a field of the modal; fields with a default (e.g. a time zone) may pass.
    expect(Object.keys(answer.errors).every((id) => required.includes(id))).toBe(true);
    expect(Object.keys(answer.errors).length).toBeGreaterThan(0);
    expect((modal.title as { text: string }).text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
  });
});

describe("Slack App Home", () => {
  async function home(id: string, name: string) {
    await h.user(id, name).openHome();
    await h.bot.idle();
    const publish = h.fake.callsTo("views.publish").at(-1)!;
    expect(publish.args.user_id).toBe(id);
    const blocks = (publish.args.view as { blocks: Blocks }).blocks;
    expect(blocks!.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
    return blockText(blocks);
  }

  it("shows each person what waits for them", async () => {
    const mentee = await home("UADA", "ada");
    expect(mentee).toContain("Your status");
    expect(mentee).toContain('Task "Docs patch": submitted');
    const mentor = await home("ULINUS", "linus");
    expect(mentor).toContain("ada → Kernel docs: pending — ready for review");
    const administrator = await home("UGRACE", "grace");
    expect(administrator).toContain("Applications (");
    expect(administrator).toContain("Mentor requests");
    const stranger = await home("USAM", "sam");
    expect(stranger).toContain("Getting started");
  });
});

describe("Slack limits", () => {
  it("a project with 200 applicants stays within Block Kit's limits, a page at a time", async () => {
    const input = {
      skills: ["c"],
      interests: [],
      links: [],
      country: "DE",
      timeZone: "UTC",
      availability: "full_time" as const,
    };
    for (let i = 0; i < 200; i++) {
      const mentee = await resolveActor(w.core, {
        platform: "console",
        externalId: `applicant${i}`,
        displayName: `Applicant ${i} ${"x".repeat(40)}`,
      });
      await saveMenteeProfile(w.core, mentee, input);
      await apply(w.core, mentee, {
        project: "k8s-ops",
        motivation: "m".repeat(2000),
        experience: "e".repeat(2000),
        links: [],
        availability: "full_time",
      });
    }
    const grace = h.user("UGRACE", "grace");
    const list = await grace.command("applications k8s-ops");
    await h.bot.idle();
    const blocks = response(list.triggerId).blocks as {
      type: string;
      text?: { text: string };
      elements?: { text?: { text: string }; value?: string }[];
    }[];
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const block of blocks) {
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(block.elements?.length ?? 0).toBeLessThanOrEqual(LIMITS.actionsElements);
      for (const element of block.type === "actions" ? (block.elements ?? []) : [])
        expect(element.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonText);
    }
    expect(blockText(blocks as Blocks)).toMatch(/Page 1 of \d+: 1–\d+ of 201\./);
    const next = blockButtons(blocks as Blocks).find((b) => b.label === "Next")!;
    const second = await grace.press(next);
    await h.bot.idle();
    expect(blockText(response(second.triggerId).blocks)).toMatch(/Page 2 of \d+/);
    // The largest realistic App Home: grace administers 7 programs with long names.
    for (let i = 1; i <= 6; i++) {
      const name = `Program ${i} ${"of the Linux Foundation ".repeat(4)}`.trim();
      await createProgram(w.core, w.as.operator, { slug: `p${i}`, name, timeZone: "UTC", administrators: ["@grace"] });
    }
    await grace.openHome();
    await h.bot.idle();
    expect(
      (h.fake.callsTo("views.publish").at(-1)!.args.view as { blocks: unknown[] }).blocks.length,
    ).toBeLessThanOrEqual(LIMITS.viewBlocks);
  }, 120_000);
});

describe("Slack digest", () => {
  it("is posted once to the channel the administrators chose, within Block Kit's limits for 50 projects", async () => {
    const grace = h.user("UGRACE", "grace");
    await grace.command("admin digest-channel lfx <#C0MENTORS|mentors>");
    await h.bot.idle();
    expect((await db.prisma.program.findUniqueOrThrow({ where: { id: w.ids.program } })).digestChannelId).toBe(
      "C0MENTORS",
    );
    for (let i = 0; i < 48; i++) {
      await enrollProject(w.core, w.as.administrator, "lfx/2027-spring", {
        slug: `p${i}`,
        name: `Project ${i} ${"n".repeat(60)}`,
        description: "d",
        skills: [],
        slots: 1,
        stipendBaseCents: 1,
        currency: "USD",
        adjustByCountry: false,
        mentors: [],
      });
    }
    // Monday 11 January 2027, 09:00 UTC: the default schedule.
    h.clock.set("2027-01-11T09:00:00Z");
    await h.bot.scheduler.tick();
    const post = h.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "C0MENTORS");
    expect(post).toBeDefined();
    const blocks = post!.args.blocks as { type: string }[];
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(blockText(blocks as never)).toContain("Digest — LFX");
    await h.bot.scheduler.tick();
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0MENTORS")).toHaveLength(1);
  });
});

describe("Slack delivery after a crash", () => {
  it("does not post a direct message twice when the dispatcher died after Slack accepted it", async () => {
    const grace = await db.prisma.person.findUniqueOrThrow({ where: { id: w.as.administrator.personId } });
    await db.prisma.outboxMessage.create({
      data: {
        idempotencyKey: "crash-test",
        kind: "test",
        personId: grace.id,
        payload: { text: "Hello once", buttons: [] },
        notBefore: h.clock.now(),
      },
    });
    expect((await dispatch(w.core, h.bot.slack!.sender)).delivered).toBeGreaterThanOrEqual(1);
    // As if the process had died before recording the delivery:
    await db.prisma.outboxMessage.update({
      where: { idempotencyKey: "crash-test" },
      data: { status: "pending", deliveredAt: null },
    });
    await db.prisma.reminderDelivery.deleteMany();
    const retried = await dispatch(w.core, h.bot.slack!.sender);
    expect(retried.delivered).toBe(1);
    const posts = h.fake.callsTo("chat.postMessage").filter((c) => c.args.text === "Hello once");
    expect(posts).toHaveLength(1);
    expect(h.fake.callsTo("conversations.history")).toHaveLength(1);
  });
});

describe("Slack rate limits", () => {
  it("waits out Slack's Retry-After, retries a 500, and posts the message once", async () => {
    await db.prisma.outboxMessage.create({
      data: {
        idempotencyKey: "limited",
        kind: "test",
        personId: w.as.administrator.personId,
        payload: { text: "Patience", buttons: [] },
        notBefore: h.clock.now(),
      },
    });
    await db.prisma.outboxMessage.updateMany({
      where: { idempotencyKey: { not: "limited" } },
      data: { status: "delivered" },
    });
    h.fake.failures.set("chat.postMessage", [429, 500]);
    const sender = h.bot.slack!.sender;
    expect(await dispatch(w.core, sender)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    const waiting = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "limited" } });
    expect(waiting.notBefore.getTime() - w.clock.now().getTime()).toBe(7_000);
    w.clock.advance(7_000);
    expect(await dispatch(w.core, sender)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    w.clock.advance(60_000);
    expect(await dispatch(w.core, sender)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    const accepted = h.fake.callsTo("chat.postMessage").filter((c) => c.args.text === "Patience");
    // Three requests reached Slack; only the last was accepted, and the retries looked first.
    expect(accepted).toHaveLength(3);
    expect(h.fake.callsTo("conversations.history").length).toBeGreaterThanOrEqual(2);
    expect(await db.prisma.reminderDelivery.count({ where: { message: { idempotencyKey: "limited" } } })).toBe(1);
  });
});
