// The sample script a newcomer pipes into a rehearsal (examples/first-term.txt), run as they would run it:
// through the console's piped mode on a simulated clock. It must reach a verified letter with no form error,
// no refusal and no internal error on the way. Slow (the scheduler ticks through five simulated months), so it
// runs in `npm run test:examples`, which .ci/run runs.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { expect, it } from "vitest";
import { startBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";

type Line = Record<string, unknown> & { type: string };

it("examples/first-term.txt runs a whole term in a rehearsal, to a letter anyone can verify", async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const config = loadConfig({
    DATABASE_URL: "memory://",
    LOG_LEVEL: "silent",
    MENTORSHIP_DATA_DIR: mkdtempSync(path.join(tmpdir(), "mentorship-example-")),
  });
  const bot = await startBot({
    config,
    log: createLogger("silent"),
    rehearse: {},
    console: { input, output, json: true },
  });
  input.write(readFileSync("examples/first-term.txt", "utf8"));
  const lines = () =>
    printed
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Line);
  // The script ends at the letter; its last comment says to verify the code. Wait for the letter, then do so.
  const letter = () => lines().find((l) => l.type === "message" && l.title === "Letter of Completion");
  while (!letter()) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await bot.idle();
  }
  const code = /LOC(-[0-9A-Z]{4}){4}/.exec(JSON.stringify(letter()))?.[0];
  input.end(`/as stranger\n/mentorship verify ${code}\n`);
  await bot.finished;
  await bot.stop();

  const seen = lines();
  expect(seen.filter((l) => l.type === "errors")).toEqual([]);
  expect(seen.filter((l) => l.tone === "error" || l.kind === "error").map((l) => JSON.stringify(l))).toEqual([]);
  expect(printed).not.toContain("error id");
  const last = seen.filter((l) => l.type === "message").at(-1);
  expect(JSON.stringify(last)).toContain("Valid: ada completed");
  // Reminders arrived on the way, at their simulated times, in order.
  const reminders = seen.filter((l) => l.type === "direct_message" && typeof l.at === "string");
  expect(reminders.map((l) => l.to)).toEqual(expect.arrayContaining(["ada", "linus", "grace"]));
  const times = reminders.map((l) => String(l.at));
  expect(times).toEqual([...times].sort());
  expect(times.at(-1)! > "2027-05-17").toBe(true);
});
