// `npm start` is `node dist/main.js`, the compiled bot (scripts/build.mjs; `prestart` rebuilds a stale dist/).
// This runs the build the way `prestart` does, then the compiled bot as a newcomer does: piped, no chat platform.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

beforeAll(async () => {
  // After `npm install` dist/ is fresh and this takes a directory walk; after an edit it compiles (tens of seconds).
  await run(process.execPath, ["scripts/build.mjs", "--if-stale"]);
}, 240_000);

/** The compiled bot with `lines` on its standard input; what it printed, the packages it imported, its exit. */
function startCompiled(lines: string): Promise<{ stdout: string; packages: string[]; code: number | null }> {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "mentorship-compiled-")), "data");
  const child = spawn(process.execPath, ["--import", "./test/support/report-packages.mjs", "dist/main.js"], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", MENTORSHIP_DATA_DIR: dataDir },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  child.stdin.end(lines);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      const packages = [...stderr.matchAll(/^package (.+)$/gm)].map((m) => m[1]!);
      resolve({ stdout, packages, code });
    }),
  );
}

describe("the compiled bot (npm start)", () => {
  it("builds everything it loads into dist/, the PGlite worker included", () => {
    for (const file of ["main.js", "app.js", "store/pglite-worker.mjs", "generated/prisma/client.js"]) {
      expect(existsSync(path.join("dist", file)), file).toBe(true);
    }
  });

  it("answers help on the console from dist/ and leaves on /quit, loading no chat platform's library", async () => {
    const { stdout, packages, code } = await startCompiled("/mentorship help\n/quit\n");
    expect(code).toBe(0);
    expect(stdout).toContain("Mentorship bot: commands");
    expect(stdout).toContain("/mentorship help — List the commands");
    // Migrations (prisma/ beside dist/) ran: help answers only from a migrated store.
    // Bolt, discord.js and pdfkit are imported when a platform is configured or a letter drawn, not at start.
    expect(packages).toEqual([]);
  }, 120_000);
});
