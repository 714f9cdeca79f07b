// The bot from its sources, as `npm run dev` runs it (`node --import tsx src/main.ts`); compiled.test.ts runs dist/.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startProcess(env: Record<string, string>, args: string[] = []): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), "mentorship-bot-")), "data");

// A cold start (a fresh clone: tsx compiles every file once) on a busy machine can take half a minute.
async function waitFor(condition: () => boolean, what: string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the bot process", () => {
  it("reads a piped script, prints one JSON line per view and exits 0 at end of input", async () => {
    const dataDir = freshDir();
    const run = startProcess({ MENTORSHIP_DATA_DIR: dataDir }, ["--json"]);
    run.child.stdin!.end("/as ada\n/mentorship help\n");
    expect(await run.exit).toEqual({ code: 0, signal: null });
    const lines = run
      .stdout()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; text?: string });
    expect(lines.map((l) => l.type)).toEqual(["notice", "notice", "message"]);
    expect(lines[1]?.text).toBe('You are now "ada".');
    // Logs go to stderr as JSON, so stdout stays the console's.
    expect(existsSync(path.join(dataDir, "bot.lock"))).toBe(false);
  }, 150_000);

  it("stops a piped script at an /as that names nobody, and exits 1", async () => {
    const run = startProcess({ MENTORSHIP_DATA_DIR: freshDir() }, ["--json"]);
    run.child.stdin!.end("/as Ada Lovelace\n/mentorship help\n");
    expect(await run.exit).toEqual({ code: 1, signal: null });
    const kinds = run
      .stdout()
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { kind?: string; type: string }).kind ?? "");
    // The banner, the refusal, the stop; the help after it never ran.
    expect(kinds).toEqual(["banner", "error", "stopped"]);
  }, 150_000);

  it("stops with exit code 2 and one clear message on bad configuration", async () => {
    const run = startProcess({ DATABASE_URL: "mysql://x", PORT: "abc" });
    run.child.stdin!.end();
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toContain('DATABASE_URL="mysql://x" must be postgresql://');
    expect(run.stderr()).toContain('PORT="abc" must be a port number');
    expect(run.stderr()).not.toMatch(/\n\s+at /);
    expect(run.stdout()).toBe("");
  }, 30_000);

  it("refuses a rehearsal, saying why, where a chat platform or PostgreSQL is configured", async () => {
    const withSlack = startProcess({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }, ["--rehearse"]);
    const withPostgres = startProcess({ DATABASE_URL: "postgresql://root@127.0.0.1:5432/test" }, ["--rehearse"]);
    expect((await withSlack.exit).code).toBe(2);
    expect(withSlack.stderr()).toContain("A rehearsal cannot start: it runs on the console only");
    expect((await withPostgres.exit).code).toBe(2);
    expect(withPostgres.stderr()).toContain("its simulated time must not reach a real database");
  }, 30_000);

  it("on SIGTERM finishes, closes the embedded database and releases its directory", async () => {
    const dataDir = freshDir();
    const run = startProcess({ MENTORSHIP_DATA_DIR: dataDir }, ["--json"]);
    await waitFor(() => run.stdout().includes('"banner"'), "the console banner");
    // A second bot on the same directory is refused while the first runs.
    const second = startProcess({ MENTORSHIP_DATA_DIR: dataDir });
    second.child.stdin!.end();
    expect((await second.exit).code).toBe(2);
    expect(second.stderr()).toContain("is in use by process");

    run.child.kill("SIGTERM");
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dataDir, "bot.lock"))).toBe(false);
  }, 150_000);

  it("loses no committed data when killed with SIGKILL during writes", async () => {
    const dataDir = freshDir();
    const run = startProcess({ MENTORSHIP_DATA_DIR: dataDir }, ["--json"]);
    await waitFor(() => run.stdout().includes('"banner"'), "the console banner");
    // Each person is created by the command they run; an answer on stdout
    // means their transaction committed.
    for (let i = 1; i <= 400; i++) run.child.stdin!.write(`/as writer${i}\n/mentorship help\n`);
    const answered = () => (run.stdout().match(/"type":"message"/g) ?? []).length;
    await waitFor(() => answered() >= 30, "some committed writes");
    run.child.kill("SIGKILL");
    expect((await run.exit).signal).toBe("SIGKILL");
    const committed = answered();
    expect(committed).toBeLessThan(400);

    const db = await openDatabase({ dataDir });
    try {
      const people = await db.prisma.identity.findMany({ where: { externalId: { startsWith: "writer" } } });
      const names = new Set(people.map((p) => p.externalId));
      for (let i = 1; i <= committed; i++) expect(names.has(`writer${i}`)).toBe(true);
    } finally {
      await db.close();
    }
  }, 180_000);
});
