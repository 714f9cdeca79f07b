// `npm run bench`: every part in turn, each a process of its own (a part's memory and event loop are not the
// next one's), then the one table (bench/summary.ts → bench/results/summary.md). A part that fails is marked in
// the table's heading and the others still run. BENCH_QUICK=1 shortens every part (fewer rounds and requests,
// sweeps of 10,000 enrollments only).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { QUICK } from "./stores.js";

const PARTS = ["run", "sweep", "digest", "slack", "slack-modals", "discord"];
const only = process.env.BENCH_ONLY?.split(",");
const startedAt = new Date().toISOString();
const started = performance.now();
const parts: { name: string; ms: number; ok: boolean }[] = [];
for (const name of PARTS.filter((p) => !only || only.includes(p))) {
  process.stderr.write(`\n== bench/${name}.ts\n`);
  const partStarted = performance.now();
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const run = spawnSync(process.execPath, ["--import", "tsx", file], { stdio: "inherit" });
  parts.push({ name, ms: performance.now() - partStarted, ok: run.status === 0 });
}
const info = {
  startedAt,
  quick: QUICK,
  node: process.version,
  machine: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  totalMs: performance.now() - started,
  parts,
};
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/run-info.json", import.meta.url), `${JSON.stringify(info, null, 2)}\n`);
const summary = spawnSync(
  process.execPath,
  ["--import", "tsx", fileURLToPath(new URL("./summary.ts", import.meta.url))],
  {
    stdio: "inherit",
  },
);
process.exitCode = parts.every((p) => p.ok) && summary.status === 0 ? 0 : 1;
