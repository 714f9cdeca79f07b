// The bot killed with SIGKILL at random moments while Slack users change things, restarted each time on
// the same database: every change a person was shown as done is there at the end, and nothing is there
// twice. On the embedded database (a PGlite data directory) by default; on PostgreSQL when DATABASE_URL
// names a server. KILLS (default 20) sets how many times the bot is killed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { startBotChild, type BotChild } from "../support/bot-child.js";
import { onPostgres, testDatabase, type TestDatabase } from "../support/database.js";
import { FakeSlack, SlackUser } from "../support/fake-slack.js";
import { SIGNING_SECRET } from "../support/slack.js";
import { buildWorld } from "../support/world.js";

const KILLS = Number(process.env.KILLS ?? 20);
const USERS = ["U0K1", "U0K2", "U0K3", "U0K4", "U0K5", "U0K6"];
const PROJECTS = ["kernel-docs", "k8s-ops"];

/** A text input block as the bot's modals have them; the fake builds the submission's state from these. */
const view = (form: string, fields: string[], context = "") => ({
  type: "modal",
  callback_id: form,
  private_metadata: context,
  blocks: fields.map((id) => ({
    type: "input",
    block_id: id,
    element: { type: "plain_text_input", action_id: "value" },
  })),
});
const profileView = view("profile-mentee", ["skills", "interests", "links", "country", "timeZone", "availability"]);
const applyView = view("apply", ["project", "motivation", "experience", "links", "availability"]);

interface Sent {
  kind: "link" | "profile" | "apply";
  user: string;
  seq: number;
  /** The person was shown the change as done (the modal closed without errors, or the code was answered). */
  acknowledged: boolean;
  detail: string;
}

let pg: TestDatabase | undefined;
afterAll(async () => {
  await pg?.close();
});

describe("SIGKILL during a stream of changes", () => {
  it(`loses no acknowledged change and duplicates nothing over ${KILLS} kills and restarts`, async () => {
    const fake = new FakeSlack();
    await fake.start();
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "mentorship-kills-")), "data");
    // A program with two projects open for applications, made through the core before the bot starts.
    if (onPostgres()) {
      pg = await testDatabase();
      await buildWorld(pg);
    } else {
      const db = await openDatabase({ dataDir });
      await buildWorld(db);
      await db.close();
    }
    const env = {
      ...(pg ? { DATABASE_URL: pg.url! } : { MENTORSHIP_DATA_DIR: dataDir }),
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${fake.base}/api/`,
      MENTORSHIP_OPERATORS: "slack:UOPERATOR",
    };

    let bot: BotChild = await startBotChild(env);
    const sent: Sent[] = [];
    const linkTriggers = new Map<string, Sent>();
    let seq = 0;
    let streaming = true;
    let cut = 0;

    /** Direct messages the bot sent a user so far (a form's result arrives as one, after its commit). */
    const messagesTo = (user: string) =>
      fake
        .callsTo("chat.postMessage")
        .filter((c) => c.args.channel === user || c.args.channel === `D${user}`)
        .map((c) => JSON.stringify(c.args));

    /** After a submission the modal closed on, the result message tells whether the change was made. */
    async function shownAsDone(user: string, before: number, done: string): Promise<boolean> {
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        const message = messagesTo(user)[before];
        if (message) return message.includes(done);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return false;
    }

    async function one(user: string): Promise<void> {
      const slack = new SlackUser(user, `user-${user}`, { bot: bot.base, fake, secret: SIGNING_SECRET });
      const n = ++seq;
      const roll = Math.random();
      const before = messagesTo(user).length;
      if (roll < 0.35) {
        const record: Sent = { kind: "link", user, seq: n, acknowledged: false, detail: "" };
        sent.push(record);
        const { triggerId } = await slack.command("link");
        linkTriggers.set(`/response/${triggerId}`, record);
      } else if (roll < 0.7) {
        const record: Sent = { kind: "profile", user, seq: n, acknowledged: false, detail: `skill-${n}` };
        sent.push(record);
        const answer = await slack.submit(profileView, {
          skills: `skill-${n}, go`,
          interests: "",
          links: "",
          country: "DE",
          timeZone: "UTC",
          availability: "full_time",
        });
        record.acknowledged =
          answer.status === 200 &&
          !answer.body.includes("errors") &&
          (await shownAsDone(user, before, "profile is saved"));
      } else {
        const project = PROJECTS[n % PROJECTS.length]!;
        const record: Sent = { kind: "apply", user, seq: n, acknowledged: false, detail: project };
        sent.push(record);
        const answer = await slack.submit(applyView, {
          project,
          motivation: `because ${n}`,
          experience: "some",
          links: "",
          availability: "full_time",
        });
        record.acknowledged =
          answer.status === 200 &&
          !answer.body.includes("errors") &&
          (await shownAsDone(user, before, "You applied to"));
      }
    }

    // Three workers, each speaking for two people, one request at a time per person (so a result
    // message belongs to the request before it); a request to a dead bot simply fails.
    const workers = [0, 1, 2].map(async (w) => {
      while (streaming) {
        const user = USERS[2 * w + Math.floor(Math.random() * 2)]!;
        await one(user).catch(async (error: unknown) => {
          // Refused connections met a dead bot; anything else (a reset, a hang-up) was cut by the kill.
          if ((error as { cause?: { code?: string } }).cause?.code !== "ECONNREFUSED") cut++;
          await new Promise((resolve) => setTimeout(resolve, 30));
        });
      }
    });

    const started = Date.now();
    for (let kill = 1; kill <= KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 1_200));
      expect(bot.exit, `the bot stopped by itself: ${bot.stderr().slice(-1_500)}`).toBeUndefined();
      bot.child.kill("SIGKILL");
      expect((await bot.exited).signal).toBe("SIGKILL");
      bot = await startBotChild(env);
    }
    // A quiet moment on the last bot lets answers in flight arrive, then the stream stops.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    streaming = false;
    await Promise.all(workers);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    // A link code is acknowledged when the person was answered with it.
    for (const response of fake.responses) {
      const record = linkTriggers.get(response.url);
      const code = /\d{6}-\d{3}/.exec(JSON.stringify(response.body))?.[0];
      if (record && code) {
        record.acknowledged = true;
        record.detail = code;
      }
    }

    const tables = await bot.tables();
    await bot.stop();
    await fake.stop();
    const rows = <T>(table: string) => (tables[table] ?? []).map((row) => JSON.parse(row) as T);
    const identities = rows<{ personId: string; platform: string; externalId: string }>("Identity");
    const persons = rows<{ id: string }>("Person");
    const personOf = new Map(identities.filter((i) => i.platform === "slack").map((i) => [i.externalId, i.personId]));
    const linkCodes = rows<{ code: string; personId: string }>("LinkCode");
    const profiles = rows<{ personId: string; skills: string[] }>("MenteeProfile");
    const applications = rows<{ id: string; menteeId: string; projectId: string; motivation: string }>("Application");
    const projects = rows<{ id: string; slug: string }>("Project");
    const audit = rows<{ action: string; entityId: string }>("AuditLog");
    const acknowledged = sent.filter((s) => s.acknowledged);
    const seconds = Math.round((Date.now() - started) / 1000);
    const counts = `${sent.length} requests, ${acknowledged.length} acknowledged, ${cut} cut`;
    const summary = `${counts}, ${KILLS} kills in ${seconds} s`;
    console.log(summary);

    // Enough happened for the test to mean something, of each kind.
    // (Six people and two projects allow twelve applications at most; most later ones are "applied already".)
    for (const [kind, least] of [
      ["link", 4],
      ["profile", 4],
      ["apply", 2],
    ] as const) {
      expect(acknowledged.filter((s) => s.kind === kind).length, `${kind}: ${summary}`).toBeGreaterThanOrEqual(least);
    }
    expect(cut, `requests cut in the middle by a kill: ${summary}`).toBeGreaterThan(0);

    // Every acknowledged change is there.
    for (const s of acknowledged.filter((r) => r.kind === "link")) {
      expect(linkCodes.find((c) => c.code === s.detail)?.personId, `link code ${s.detail} of ${s.user}`).toBe(
        personOf.get(s.user),
      );
    }
    for (const user of USERS) {
      const mine = sent.filter((s) => s.user === user && s.kind === "profile");
      const lastAcknowledged = mine.filter((s) => s.acknowledged).at(-1);
      if (!lastAcknowledged) continue;
      // The newest acknowledged save, or one sent after it (whose answer a kill may have cut off).
      const allowed = mine.filter((s) => s.seq >= lastAcknowledged.seq).map((s) => s.detail);
      const profile = profiles.find((p) => p.personId === personOf.get(user));
      expect(allowed, `${user}'s profile`).toContain(profile?.skills[0]);
    }
    for (const s of acknowledged.filter((r) => r.kind === "apply")) {
      const project = projects.find((p) => p.slug === s.detail)!;
      const application = applications.find((a) => a.menteeId === personOf.get(s.user) && a.projectId === project.id);
      expect(application?.motivation, `${s.user}'s application to ${s.detail}`).toBe(`because ${s.seq}`);
    }

    // Nothing is there twice, and nothing is there that no request asked for.
    expect(new Set(identities.map((i) => `${i.platform}:${i.externalId}`)).size).toBe(identities.length);
    expect(
      persons.filter((p) => !identities.some((i) => i.personId === p.id)),
      "persons without an identity",
    ).toEqual([]);
    for (const user of USERS) {
      const codes = linkCodes.filter((c) => c.personId === personOf.get(user)).length;
      expect(codes, `${user}'s link codes`).toBeLessThanOrEqual(
        sent.filter((s) => s.user === user && s.kind === "link").length,
      );
    }
    expect(new Set(applications.map((a) => `${a.menteeId}:${a.projectId}`)).size).toBe(applications.length);
    const submitted = audit.filter((a) => a.action === "application.submitted");
    expect(submitted.length, "one audit entry per application").toBe(applications.length);
    expect(new Set(submitted.map((a) => a.entityId)).size).toBe(submitted.length);
    const outbox = rows<{ idempotencyKey: string }>("OutboxMessage");
    expect(new Set(outbox.map((m) => m.idempotencyKey)).size).toBe(outbox.length);
  }, 300_000);
});
