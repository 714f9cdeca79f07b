// A database outage under load: the bot's own PostgreSQL server is stopped for
// several seconds, twice, while people keep sending commands and forms. During
// the outage every request gets the one clear sentence within seconds and
// /healthz says 503 at once; after it, the bot serves again by itself, and no
// use case is half-written. On PGlite an outage is the embedded instance
// being closed (or failing): requests get the same sentence, nothing crashes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type RunningBot } from "../../src/app.js";
import type { View } from "../../src/chat/views.js";
import { loadConfig } from "../../src/config.js";
import type { IdentityRef } from "../../src/core/people.js";
import { createLogger } from "../../src/log.js";
import { databaseOnPGlite, openDatabase, startPGliteWorker, type Database } from "../../src/store/database.js";
import { applyMigrations } from "../../src/store/migrations.js";
import { DATABASE_UNAVAILABLE } from "../../src/store/outage.js";
import { FakeSlack, SlackUser } from "../support/fake-slack.js";
import { createPostgresServer, type PostgresServer } from "../support/postgres-server.js";
import { blockText, SIGNING_SECRET } from "../support/slack.js";

const PEOPLE = 6;
const OUTAGE_MS = 5_000;
/** "Answered within a few seconds": generous for two shared cores, far below a hang. */
const ANSWER_WITHIN_MS = 5_000;
const INTERNAL_ERROR = "Sorry, something went wrong on our side";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withinSeconds = (seconds: number, work: Promise<unknown> | undefined) =>
  Promise.race([work?.catch(() => {}), sleep(seconds * 1_000)]);

/** Process-level failures: an `error` event nobody listens to, a rejection nobody handles. */
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);

async function startSlackBot(fake: FakeSlack, env: Record<string, string>, database?: Database) {
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.base}/api/`,
    MENTORSHIP_OPERATORS: Array.from({ length: PEOPLE }, (_, i) => `slack:UOP${i}`).join(","),
    LOG_LEVEL: "silent",
    ...env,
  });
  const log = createLogger("silent");
  return startBot({ config, log, scheduler: false, slackRetries: 0, port: 0, ...(database ? { database } : {}) });
}

async function health(bot: RunningBot): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${bot.http!.port}/healthz`, { signal: AbortSignal.timeout(10_000) });
  await response.text();
  return { status: response.status, ms: Date.now() - started };
}

const textOf = (views: View[]) =>
  views.map((v) => (v.type === "message" ? [v.title, v.text].filter(Boolean).join(": ") : `form ${v.form}`)).join("\n");
const succeeded = (views: View[]) => views.some((v) => v.type === "message" && v.tone === "success");

interface Answer {
  what: string;
  started: number;
  ms: number;
  text: string;
  ok: boolean;
}

describe("a PostgreSQL outage under load", () => {
  let server: PostgresServer;
  let fake: FakeSlack;
  let bot: RunningBot;
  let checker: Database;

  beforeAll(async () => {
    crashes.length = 0;
    process.on("uncaughtException", onCrash);
    process.on("unhandledRejection", onCrash);
    server = await createPostgresServer();
    await server.start();
    fake = new FakeSlack();
    await fake.start();
    bot = await startSlackBot(fake, { DATABASE_URL: server.url });
    // A second store on the same server, for checking what was written.
    checker = await openDatabase({ databaseUrl: server.url, dataDir: "" }, { migrate: false });
  });

  afterAll(async () => {
    // Each step bounded and on its own: a bot wedged by the outage (the bug this
    // file guards against) must not keep the server running after the test.
    try {
      await withinSeconds(10, bot?.stop());
      await withinSeconds(10, checker?.close());
      await withinSeconds(10, fake?.stop());
    } finally {
      await server?.destroy();
    }
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
  });

  it("answers the clear sentence during two outages, recovers by itself, and writes nothing by halves", async () => {
    const answers: Answer[] = [];
    const createdPrograms: string[] = [];
    const addedAdministrators: { program: string; person: string }[] = [];
    let running = true;

    const ask = async (what: string, request: () => Promise<View[]>) => {
      const started = Date.now();
      const views = await request();
      const answer = { what, started, ms: Date.now() - started, text: textOf(views), ok: succeeded(views) };
      answers.push(answer);
      return answer;
    };

    // Each person, an operator, keeps creating programs (a form), adding
    // administrators to them (a command with audit entry and notification)
    // and listing programs (a read).
    const person = async (index: number) => {
      const me: IdentityRef = { platform: "slack", externalId: `UOP${index}`, displayName: `op${index}` };
      const mine: string[] = [];
      for (let round = 0; running; round++) {
        const slug = `p${index}-${round}`;
        const created = await ask("program create", async () => {
          const result = await bot.chat.submit(me, "program-create", "", {
            slug,
            name: `Program ${slug}`,
            timeZone: "UTC",
            administrators: `<@UADM${index}x${round}>`,
          });
          return result.ok ? result.views : [];
        });
        if (created.ok) {
          createdPrograms.push(slug);
          mine.push(slug);
        }
        const target = mine.at(-1);
        if (target) {
          const mention = `UNEW${index}x${round}`;
          const added = await ask("admin add", () => bot.chat.command(me, `admin add ${target} <@${mention}>`));
          if (added.ok) addedAdministrators.push({ program: target, person: mention });
        }
        await ask("programs", () => bot.chat.command(me, "programs"));
        await sleep(20);
      }
    };

    const load = Promise.all(Array.from({ length: PEOPLE }, (_, i) => person(i)));
    const botBase = `http://127.0.0.1:${bot.http!.port}`;
    const slackUser = new SlackUser("UOP0", "op0", { bot: botBase, fake, secret: SIGNING_SECRET });

    const figures: string[] = [];
    const outage = async (mode: "immediate" | "fast") => {
      await sleep(1_500);
      const before = answers.length;
      expect(answers.filter((a) => a.ok).length).toBeGreaterThan(0);
      await server.stop(mode);
      const stoppedAt = Date.now();
      await sleep(500);

      const down = await health(bot);
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(1_500);

      // The Slack path too: acknowledged, then answered with the sentence.
      const responsesBefore = fake.responses.length;
      await slackUser.command("programs");
      await expect.poll(() => fake.responses.length, { timeout: ANSWER_WITHIN_MS }).toBeGreaterThan(responsesBefore);
      const slackAnswer = fake.responses.at(-1)!.body as { blocks?: never[]; text?: string };
      expect(`${blockText(slackAnswer.blocks)}\n${slackAnswer.text ?? ""}`).toContain(DATABASE_UNAVAILABLE);

      await sleep(OUTAGE_MS - (Date.now() - stoppedAt));
      const restartAt = Date.now();
      await server.start();

      // Requests sent while the server was down met the outage only.
      const during = answers.slice(before).filter((a) => a.started >= stoppedAt && a.started + a.ms <= restartAt);
      expect(during.length).toBeGreaterThan(PEOPLE);
      expect(new Set(during.map((a) => a.text))).toEqual(new Set([DATABASE_UNAVAILABLE]));

      // Back by itself within seconds: health first, then real work.
      await expect.poll(async () => (await health(bot)).status, { timeout: 5_000, interval: 200 }).toBe(200);
      const recoveredAfter = Date.now();
      const servedAgain = () => answers.some((a) => a.ok && a.started >= recoveredAfter);
      await expect.poll(servedAgain, { timeout: 5_000, interval: 100 }).toBe(true);
      const back = ((Date.now() - restartAt) / 1000).toFixed(1);
      const figure = `${during.length} answered with the sentence, /healthz 503 in ${down.ms} ms, back in ${back} s`;
      figures.push(`${mode}: ${figure}`);
    };

    try {
      await outage("immediate");
      await outage("fast"); // fast: the server tells every connection 57P01 before it goes
      await sleep(1_000);
    } finally {
      running = false;
      await load;
    }

    // A burst wider than the pool: connections lost in the outages were
    // returned or destroyed, none is held for ever.
    const me: IdentityRef = { platform: "slack", externalId: "UOP0", displayName: "op0" };
    const list = () => ask("programs", () => bot.chat.command(me, "programs"));
    const burst = await Promise.all(Array.from({ length: 30 }, list));
    expect(burst.every((a) => !a.text.includes(DATABASE_UNAVAILABLE) && a.ms < ANSWER_WITHIN_MS)).toBe(true);

    // Never the apology for a bug, never a hang, never a crash.
    expect(answers.filter((a) => a.text.includes(INTERNAL_ERROR))).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(ANSWER_WITHIN_MS);
    expect(crashes).toEqual([]);
    expect(answers.filter((a) => a.text === DATABASE_UNAVAILABLE).length).toBeGreaterThan(2 * PEOPLE);
    const slowest = Math.max(...answers.map((a) => a.ms));
    console.log(`database outages: ${answers.length} requests, slowest answer ${slowest} ms; ${figures.join("; ")}`);

    // Nothing half-written. A use case commits its rows, its audit entries and
    // its notifications together: every program has its administrator and
    // exactly one creation entry, every entry its program, every added
    // administrator their entry and notification. (A request whose COMMIT was
    // cut off may have committed; then it is whole, like any other.)
    const prisma = checker.prisma;
    const programs = await prisma.program.findMany({
      include: { administrators: { include: { person: { include: { identities: true } } } } },
    });
    const created = await prisma.auditLog.findMany({ where: { action: "program.created" } });
    const bySlug = new Map(programs.map((p) => [p.slug, p]));
    for (const slug of createdPrograms) expect(bySlug.has(slug), `program ${slug} answered success`).toBe(true);
    for (const program of programs) {
      expect(program.administrators.length, `administrators of ${program.slug}`).toBeGreaterThan(0);
      const entries = created.filter((entry) => entry.entityId === program.id);
      expect(entries, `creation entries of ${program.slug}`).toHaveLength(1);
    }
    expect(created.every((entry) => programs.some((p) => p.id === entry.entityId))).toBe(true);

    const addedEntries = await prisma.auditLog.findMany({ where: { action: "administrator.added" } });
    const notifications = await prisma.outboxMessage.findMany({ where: { kind: "administrator_added" } });
    const administratorRows = programs.flatMap((p) =>
      p.administrators.map((a) => ({ programId: p.id, personId: a.personId })),
    );
    for (const entry of addedEntries) {
      const isTheirs = (row: { programId: string; personId: string }) =>
        row.programId === entry.programId && row.personId === entry.entityId;
      expect(administratorRows.some(isTheirs)).toBe(true);
      const key = `admin-added:${entry.programId}:${entry.entityId}`;
      expect(notifications.some((n) => n.idempotencyKey === key)).toBe(true);
    }
    for (const { program, person } of addedAdministrators) {
      const { id: programId, administrators } = bySlug.get(program)!;
      const row = administrators.find((a) => a.person.identities.some((i) => i.externalId === person));
      expect(row, `administrator ${person} of ${program} answered success`).toBeDefined();
      const entry = addedEntries.find((e) => e.entityId === row!.personId && e.programId === programId);
      expect(entry, `audit entry for ${person} of ${program}`).toBeDefined();
    }
    expect(addedAdministrators.length).toBeGreaterThan(0);
  });
});

describe("an embedded PGlite whose worker is stopped under the bot", () => {
  it("answers the clear sentence and 503, and does not crash", async () => {
    crashes.length = 0;
    process.on("uncaughtException", onCrash);
    process.on("unhandledRejection", onCrash);
    const pglite = await startPGliteWorker({});
    const db = databaseOnPGlite(pglite);
    await applyMigrations(db.sql);
    const fake = new FakeSlack();
    await fake.start();
    const bot = await startSlackBot(fake, {}, db);
    try {
      const me: IdentityRef = { platform: "slack", externalId: "UOP0", displayName: "op0" };
      expect(textOf(await bot.chat.command(me, "programs"))).toContain("No programs yet");
      expect((await health(bot)).status).toBe(200);

      await pglite.stop();
      const answers = await Promise.all([
        bot.chat.command(me, "programs"),
        bot.chat.command(me, "link"),
        bot.chat
          .submit(me, "program-create", "", { slug: "lfx", name: "LFX", timeZone: "UTC", administrators: "<@UGRACE>" })
          .then((r) => (r.ok ? r.views : [])),
      ]);
      expect(answers.map(textOf)).toEqual([DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE]);
      const down = await health(bot);
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(1_500);
      expect(crashes).toEqual([]);
    } finally {
      await bot.stop();
      await fake.stop();
      await db.close();
      process.off("uncaughtException", onCrash);
      process.off("unhandledRejection", onCrash);
    }
  });
});
