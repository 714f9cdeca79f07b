// The digest's chart: the current term's figures (application funnel, evaluations per checkpoint by outcome,
// stipend payments by state), drawn as one PNG at delivery from the figures the outbox keeps, and delivered as
// an image on each platform, with the same figures as text.
import { readFileSync } from "node:fs";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH, chartLines } from "../../src/chat/digest-chart.js";
import { digestWithChart } from "../../src/chat/digest-view.js";
import { type ChartFigures, programDigest } from "../../src/core/digest.js";
import { dispatch } from "../../src/scheduler/dispatcher.js";
import { enqueueDigests } from "../../src/scheduler/sweeps.js";
import type { Database } from "../../src/store/database.js";
import { consoleSession } from "../support/console.js";
import { testDatabase } from "../support/database.js";
import { discordHarness } from "../support/discord.js";
import { slackHarness } from "../support/slack.js";
import { buildWorld, enrollAda, passCheckpoints, type World } from "../support/world.js";

let db: Database;
let w: World;

/** Monday 12 April 2027, 09:00 UTC: the default digest schedule, after ada's second checkpoint passed. */
const DIGEST_DAY = "2027-04-12T09:00:00Z";
const FIGURES: ChartFigures = {
  term: "2027-spring",
  // ada and bob applied; ada's prerequisite is verified and bob's project has none; ada was accepted.
  funnel: { applied: 2, prerequisitesDone: 2, accepted: 1, completed: 0 },
  checkpoints: [
    { number: 1, name: "First evaluation", pass: 1, extend: 0, fail: 0 },
    { number: 2, name: "Midterm evaluation", pass: 1, extend: 0, fail: 0 },
    { number: 3, name: "Third evaluation", pass: 0, extend: 0, fail: 0 },
    { number: 4, name: "Final evaluation", pass: 0, extend: 0, fail: 0 },
  ],
  // The midterm's pass made ada's first stipend payment.
  payments: { pending_approval: 1, approved: 0, declined: 0, paid: 0 },
};

const expectChart = (bytes: Buffer) => {
  const png = PNG.sync.read(bytes);
  expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  // Not blank: the bars' blue is drawn.
  const blue = [...Array(png.width * png.height).keys()].filter(
    (i) => png.data[i * 4] === 0x3b && png.data[i * 4 + 1] === 0x6f && png.data[i * 4 + 2] === 0xb6,
  );
  expect(blue.length).toBeGreaterThan(1000);
};

beforeEach(async () => {
  db = await testDatabase();
  w = await buildWorld(db);
  await enrollAda(w);
  await passCheckpoints(w, 2);
  w.clock.set(DIGEST_DAY);
});
afterEach(async () => {
  await db.close();
});

/** The program's digest, posted to `channel` on `platform` on its schedule: queued now. */
async function queueDigest(platform: "slack" | "discord" | "console", channel: string) {
  await db.prisma.program.update({
    where: { id: w.ids.program },
    data: { digestPlatform: platform, digestChannelId: channel },
  });
  expect(await enqueueDigests(w.core)).toBe(1);
}

describe("the digest's chart", () => {
  it("counts the current term's figures, draws them at 960×400, and says them in words", async () => {
    const facts = await programDigest(w.core, w.as.administrator, "lfx");
    expect(facts.chart).toEqual(FIGURES);
    const view = await digestWithChart(facts, w.clock.now(), "UTC");
    const [chart] = view.files ?? [];
    expect(chart).toMatchObject({ name: "digest-lfx-2027-04-12.png", mimeType: "image/png" });
    expectChart(chart!.content);
    const lines = chartLines(FIGURES);
    expect(lines[0]).toBe("Applications: 2 applied, 2 with every prerequisite done, 1 accepted, 0 completed.");
    expect(lines).toContain("Midterm evaluation: 1 passed, 0 extended, 0 failed.");
    expect(lines.at(-1)).toBe("Stipend payments: 1 to approve, 0 approved, 0 declined, 0 paid.");
    expect(chart!.altText).toBe(lines.join(" "));
    expect(view.sections?.at(-1)).toEqual({ heading: "Term 2027-spring in figures (the chart)", lines });
  });

  it("on Slack: the digest's message, then the chart uploaded to the same channel with its alt text", async () => {
    const h = await slackHarness(db);
    try {
      await queueDigest("slack", "CMENTORS");
      await dispatch(w.core, h.bot.adapters.find((a) => a.platform === "slack")!.sender);
      const post = h.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "CMENTORS");
      expect(JSON.stringify(post?.args.blocks)).toContain("Term 2027-spring in figures");
      expect(h.fake.uploads.map((u) => u.name)).toEqual(["digest-lfx-2027-04-12.png"]);
      expectChart(h.fake.uploads[0]!.bytes);
      expect(h.fake.callsTo("files.getUploadURLExternal")[0]?.args.alt_text).toBe(chartLines(FIGURES).join(" "));
      expect(h.fake.callsTo("files.completeUploadExternal")[0]?.args.channel_id).toBe("CMENTORS");
    } finally {
      await h.close();
    }
  });

  it("on Discord: one multipart message with the chart attached and described", async () => {
    const h = await discordHarness(db);
    try {
      await queueDigest("discord", "800000000000000123");
      await dispatch(w.core, h.bot.adapters.find((a) => a.platform === "discord")!.sender);
      const post = h.fake.calls.find((c) => c.method === "POST" && c.path === "/channels/800000000000000123/messages");
      expect(JSON.stringify(post?.body.embeds)).toContain("Term 2027-spring in figures");
      expect(post?.body.attachments).toEqual([
        { id: 0, filename: "digest-lfx-2027-04-12.png", description: chartLines(FIGURES).join(" ") },
      ]);
      expect(post?.files).toHaveLength(1);
      expectChart(Buffer.from(post!.files[0]!, "latin1"));
    } finally {
      await h.close();
    }
  });

  it("on the console: saved beside the data, on demand and with the channel's post", async () => {
    const session = await consoleSession(db, { clock: w.clock });
    try {
      const [answer] = (await session.send("/as grace", "/mentorship admin digest lfx")).filter(
        (l) => l.type === "message",
      );
      const [saved] = answer?.files as string[];
      expect(saved).toMatch(/digest-lfx-2027-04-12\.png$/);
      expectChart(readFileSync(saved!));

      await queueDigest("console", "mentors");
      await dispatch(w.core, session.bot.adapters.find((a) => a.platform === "console")!.sender);
      const [post] = (await session.send()).filter((l) => l.type === "direct_message");
      expect(post).toMatchObject({ to: "#mentors", files: [saved] });
    } finally {
      await session.close();
    }
  });
});
