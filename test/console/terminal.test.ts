// The console as a person uses it: in a real pseudo-terminal (tmux), keys typed one by one, and the screen
// read back as they would see it. Skipped where tmux is not installed (.ci/run installs it).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
// A server of our own, so the test neither sees nor disturbs anyone's tmux sessions.
const socket = `mentorship-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", "bot");
const keys = (...keys: string[]) => tmux("send-keys", "-t", "bot", ...keys);

async function waitForScreen(check: (text: string) => boolean, what: string, ms = 30_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const text = screen();
    if (check(text)) return text;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}. The screen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The last line that is not empty, trimmed (tmux drops trailing spaces): where the prompt and cursor are. */
const lastLine = (text: string) => (text.trimEnd().split("\n").at(-1) ?? "").trim();

describe.skipIf(!hasTmux)("the console in a terminal", () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "mentorship-terminal-")), "data");
  beforeAll(async () => {
    const command =
      `DATABASE_URL=memory:// MENTORSHIP_DATA_DIR=${dataDir} ${process.execPath} --import tsx src/main.ts; ` +
      "echo BOT-EXITED; sleep 60";
    tmux("new-session", "-d", "-s", "bot", "-x", "120", "-y", "40", "-c", process.cwd(), command);
    await waitForScreen((text) => lastLine(text) === "operator>", "the first prompt", 90_000);
  }, 120_000);
  afterAll(() => {
    if (hasTmux) spawnSync("tmux", ["-L", socket, "kill-server"]);
  });

  it("says once where the logs go and keeps them off the screen", () => {
    const text = screen();
    const file = path.join(dataDir, "bot.log");
    expect(text.replace(/\n/g, "")).toContain(`Logs are written to ${file}`);
    expect(text).not.toContain('"level"');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain('"msg":"chat adapters started"');
  });

  it("shows what is typed, and backspace edits it", async () => {
    keys("/mentorship helo");
    await waitForScreen((text) => lastLine(text) === "operator> /mentorship helo", "the typed line");
    keys("BSpace", "BSpace", "lp");
    await waitForScreen((text) => lastLine(text) === "operator> /mentorship help", "the edited line");
    keys("Enter");
    await waitForScreen((t) => t.includes("/mentorship program create") && lastLine(t) === "operator>", "help");
  });

  it("completes command words with Tab, and recalls the last line with the up arrow", async () => {
    keys("/mentorship ver", "Tab");
    await waitForScreen((text) => lastLine(text) === "operator> /mentorship verify", "the completed word");
    keys("C-u", "Up");
    await waitForScreen((text) => lastLine(text) === "operator> /mentorship help", "the recalled line");
    keys("C-u");
  });

  it("prints a direct message above the prompt and draws the prompt again", async () => {
    keys("/mentorship program create", "Enter");
    for (const answer of ["lfx", "LFX Mentorship", "UTC", "@grace"]) {
      await waitForScreen((text) => lastLine(text) === ">", `the field for ${answer}`);
      keys(answer, "Enter");
    }
    const text = await waitForScreen((t) => t.includes("[message to grace]"), "the administrator's message");
    expect(lastLine(text)).toBe("operator>");
  });

  it("Ctrl-C leaves a form with what was typed in it, drops a typed line, and at an empty prompt the bot", async () => {
    keys("/mentorship profile mentee", "Enter");
    await waitForScreen((text) => lastLine(text) === ">", "the form's first field");
    keys("go, ru");
    await waitForScreen((text) => lastLine(text) === "> go, ru", "the half answer");
    keys("C-c");
    await waitForScreen(
      (text) => text.includes("Left the form; nothing was saved.") && lastLine(text) === "operator>",
      "the form left, and its half answer with it",
    );
    keys("/mentorship hel");
    await waitForScreen((text) => lastLine(text) === "operator> /mentorship hel", "the typed line");
    keys("C-c");
    await waitForScreen(
      (text) => lastLine(text) === "operator>" && !text.includes("BOT-EXITED"),
      "the typed line dropped",
    );
    keys("C-c");
    await waitForScreen((text) => text.includes("BOT-EXITED"), "the bot to stop");
  });
});
