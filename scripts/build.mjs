// `npm run build` (and `postinstall`): compiles src/ to dist/ with tsc (tsconfig.build.json) and copies the files
// tsc does not emit (the PGlite worker, plain JavaScript) beside the compiled modules, so every path a module
// finds from its own import.meta.url (the worker, ../../prisma/migrations) resolves from dist/ as from src/.
// `node scripts/build.mjs --if-stale` (`prestart`) builds only when dist/ is missing or older than a file under
// src/ or a tsconfig: a checkout or an edit since the last build. It is plain JavaScript so that the check costs
// a directory walk (tens of milliseconds) instead of loading TypeScript (seconds, even when nothing changed).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = path.join(root, "src");
const dist = path.join(root, "dist");
/** Written last by a build that succeeded: its time is the build's. */
const stamp = path.join(dist, ".built");
const CONFIGS = ["tsconfig.json", "tsconfig.build.json"].map((file) => path.join(root, file));

/** Every file and directory under `dir` (a directory's time changes when one of its files is removed or added). */
function* entries(dir) {
  yield dir;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* entries(full);
    else yield full;
  }
}

export function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  for (const file of [...CONFIGS, ...entries(src)]) if (statSync(file).mtimeMs > built) return true;
  return false;
}

export function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    process.stderr.write("The bot cannot be built: TypeScript is not installed. Run `npm install` first.\n");
    return 1;
  }
  rmSync(stamp, { force: true });
  // The stamp carries the time the build started: a file saved while tsc ran is newer, so the next start rebuilds.
  const started = new Date();
  process.stderr.write("Compiling the bot to dist/ (once after each install or change; about 20 s)…\n");
  const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  if (compiled.status !== 0) {
    process.stderr.write("The bot could not be compiled: the errors above name the files.\n");
    return 1;
  }
  for (const file of entries(src)) {
    const relative = path.relative(src, file);
    if (statSync(file).isDirectory() || file.endsWith(".ts")) continue;
    mkdirSync(path.dirname(path.join(dist, relative)), { recursive: true });
    copyFileSync(file, path.join(dist, relative));
  }
  removeOrphans();
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
  return 0;
}

/** A compiled module whose source was deleted or renamed since an earlier build is deleted too. */
function removeOrphans() {
  for (const file of [...entries(dist)]) {
    if (statSync(file, { throwIfNoEntry: false })?.isFile() !== true) continue;
    const relative = path.relative(dist, file);
    if (relative.startsWith(".")) continue;
    const base = relative.replace(/\.js(\.map)?$/, "");
    const sources = [relative, `${base}.ts`, `${base}.mts`].map((s) => path.join(src, s));
    if (!sources.some((s) => existsSync(s))) rmSync(file);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  process.exitCode = ifStale && !isStale() ? 0 : build();
}
