// The one table of `npm run bench`: every figure of issue 15's list, per store, beside its baseline measured
// in the same run, the issue's first measurement (before the work), and the issue's target, met or not and
// by how much. Reads bench/results/*.json (whatever parts ran) and writes bench/results/summary.md.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { median } from "./stores.js";

/** A target: at most or at least a value (of the figure itself, or of its ratio to the baseline). */
export interface Target {
  at: "most" | "least";
  value: number;
  /** The target bounds measured ÷ baseline, not the measured figure. */
  ratio?: boolean;
  unit: string;
}

/** Whether a figure meets its target, and by how much, in words that fit a table cell. */
export function verdict(measured: number, target: Target, baseline?: number): { met: boolean | undefined; by: string } {
  const value = target.ratio ? (baseline && baseline > 0 ? measured / baseline : Number.NaN) : measured;
  if (!Number.isFinite(value)) return { met: undefined, by: "not measured" };
  const met = target.at === "most" ? value <= target.value : value >= target.value;
  const shown = (v: number) =>
    target.ratio ? `${v.toFixed(1)}×` : `${Math.round(v).toLocaleString("en")} ${target.unit}`;
  if (target.value === 0) return { met, by: met ? "none" : `${shown(value)}, target none` };
  const factor = value / target.value;
  const percent = `${Math.round((1 - factor) * 100)}%`;
  const times = `${factor.toFixed(1)}× the target`;
  if (met) return { met, by: `${shown(value)}: ${target.at === "most" ? `${percent} under` : times}` };
  return { met, by: `${shown(value)}: ${target.at === "most" ? times : `${percent} short`}` };
}

export interface Row {
  figure: string;
  store: string;
  measured: number | undefined;
  unit: string;
  baseline?: { name: string; value: number | undefined };
  /** The issue's first measurement, as it words it. */
  before?: string;
  target?: Target;
  /** Why a figure is missing or what it stands for (quick mode's 10,000 in place of 100,000). */
  note?: string;
}

const number = (v: number | undefined, unit: string) => {
  if (v === undefined || !Number.isFinite(v)) return "–";
  const shown = v >= 100 ? Math.round(v).toLocaleString("en") : v.toFixed(1).replace(/\.0$/, "");
  return unit === "" || unit.startsWith("/") ? `${shown}${unit}` : `${shown} ${unit}`;
};

export function summaryTable(rows: Row[]): string {
  const lines = [
    "| Figure | Store | Measured | Baseline, same run | Issue's first measurement | Target | Met | By how much |",
    "|---|---|---:|---:|---:|---|:-:|---|",
  ];
  for (const r of rows) {
    const v = r.target && r.measured !== undefined ? verdict(r.measured, r.target, r.baseline?.value) : undefined;
    const target = r.target
      ? `${r.target.at === "most" ? "≤" : "≥"} ` +
        `${r.target.ratio ? `${r.target.value}× baseline` : number(r.target.value, r.target.unit)}`
      : "–";
    const baseline = r.baseline ? `${number(r.baseline.value, r.unit)} (${r.baseline.name})` : "–";
    const met = v?.met === undefined ? (r.target ? "?" : "") : v.met ? "yes" : "no";
    const measured = `${number(r.measured, r.unit)}${r.note ? ` (${r.note})` : ""}`;
    lines.push(
      `| ${r.figure} | ${r.store} | ${measured} | ${baseline} | ${r.before ?? "–"} | ${target} | ${met} ` +
        `| ${v?.by ?? ""} |`,
    );
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------- reading
type Json = Record<string, any>;
const results = (name: string): Json | undefined => {
  const file = new URL(`./results/${name}.json`, import.meta.url);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Json) : undefined;
};
const mid = (rounds: Json[] | undefined, key: string): number | undefined => {
  const values = (rounds ?? []).map((r) => r[key]).filter((v): v is number => typeof v === "number");
  return values.length ? median(values) : undefined;
};
const MB = 1.048576; // MiB → MB: the issue's targets are in MB.
const STORES = ["PGlite", "PostgreSQL"] as const;
const BEFORE: Record<string, Record<(typeof STORES)[number], string>> = {
  ack: { PGlite: "912 ms vs 193 ms", PostgreSQL: "194 ms vs 122 ms" },
  rate: { PGlite: "38/s vs 1,499/s", PostgreSQL: "206/s vs 562/s" },
  non200: { PGlite: "13 of 900", PostgreSQL: "0 of 900" },
  discord: { PGlite: "755 ms vs 42 ms", PostgreSQL: "609 ms vs 31 ms" },
  sweep: { PGlite: "2.8 s", PostgreSQL: "1.5 s" },
};

export function collectRows(): Row[] {
  const rows: Row[] = [];
  const slack = results("slack");
  const modals = results("slack-modals");
  const discord = results("discord");
  const sweep = results("sweep");
  const digest = results("digest");
  const term = results("latest");
  for (const store of STORES) {
    const load = slack?.load?.[store];
    const bare = slack?.load?.["bare Bolt"];
    if (load) {
      rows.push(
        {
          figure: "Slack `status`, 32 at once: ack p99",
          store,
          measured: mid(load.concurrent, "ackP99Ms"),
          unit: "ms",
          baseline: { name: "bare Bolt", value: mid(bare?.concurrent, "ackP99Ms") },
          before: BEFORE.ack![store],
          target: { at: "most", value: 1.5, ratio: true, unit: "" },
        },
        {
          figure: "Slack `status`, 1 at a time: ack p99",
          store,
          measured: mid(load.serial, "ackP99Ms"),
          unit: "ms",
          baseline: { name: "bare Bolt", value: mid(bare?.serial, "ackP99Ms") },
        },
        {
          figure: "Slack `status`, 32 at once: commands acked per second",
          store,
          measured: mid(load.concurrent, "commandsPerSecond"),
          unit: "/s",
          baseline: { name: "bare Bolt", value: mid(bare?.concurrent, "commandsPerSecond") },
          before: BEFORE.rate![store],
          target: { at: "least", value: store === "PGlite" ? 300 : 500, unit: "/s" },
        },
        {
          figure: "Slack `status`, 32 at once: commands answered per second",
          store,
          measured: mid(load.concurrent, "answersPerSecond"),
          unit: "/s",
        },
        {
          figure: "Slack `status`, 32 at once: answers other than 200",
          store,
          measured: mid(load.concurrent, "non200"),
          unit: "",
          baseline: { name: "bare Bolt", value: mid(bare?.concurrent, "non200") },
          before: BEFORE.non200![store],
          target: { at: "most", value: 0, unit: "" },
        },
        {
          figure: "Event-loop delay p99, 32 at once (Slack)",
          store,
          measured: mid(load.concurrent, "loopDelayP99Ms"),
          unit: "ms",
          baseline: { name: "bare Bolt", value: mid(bare?.concurrent, "loopDelayP99Ms") },
        },
      );
    }
    const modal = modals?.load?.[store];
    const bareModal = modals?.load?.["bare Bolt"];
    if (modal) {
      rows.push(
        {
          figure: "Slack modal submissions, 32 at once: ack p99",
          store,
          measured: mid(modal.concurrent, "ackP99Ms"),
          unit: "ms",
          baseline: { name: "bare Bolt", value: mid(bareModal?.concurrent, "ackP99Ms") },
          target: { at: "most", value: 1.5, ratio: true, unit: "" },
        },
        {
          figure: "Slack modal submissions, 32 at once: acked per second",
          store,
          measured: mid(modal.concurrent, "submissionsPerSecond"),
          unit: "/s",
          baseline: { name: "bare Bolt", value: mid(bareModal?.concurrent, "submissionsPerSecond") },
        },
        {
          figure: "Slack modal submissions, 32 at once: answers other than 200",
          store,
          measured: mid(modal.concurrent, "non200"),
          unit: "",
          target: { at: "most", value: 0, unit: "" },
        },
      );
    }
    const ours = discord?.load?.[store];
    const bareDiscord = discord?.load?.["bare discord.js"];
    if (ours) {
      rows.push(
        {
          figure: "Discord `status`, 32 at once: first response p99",
          store,
          measured: mid(ours.concurrent, "firstP99Ms"),
          unit: "ms",
          baseline: { name: "bare discord.js", value: mid(bareDiscord?.concurrent, "firstP99Ms") },
          before: BEFORE.discord![store],
          target: { at: "most", value: 2, ratio: true, unit: "" },
        },
        {
          figure: "Discord `status`, 32 at once: final answer p99",
          store,
          measured: mid(ours.concurrent, "finalP99Ms"),
          unit: "ms",
          baseline: { name: "bare discord.js", value: mid(bareDiscord?.concurrent, "finalP99Ms") },
          target: { at: "most", value: 300, unit: "ms" },
        },
        {
          figure: "Discord `status`, 1 at a time: first response / final answer p99",
          store,
          measured: mid(ours.serial, "finalP99Ms"),
          unit: "ms",
          baseline: { name: "bare discord.js", value: mid(bareDiscord?.serial, "finalP99Ms") },
          target: { at: "most", value: 300, unit: "ms" },
        },
      );
    }
    const process = slack?.process?.[store];
    if (process) {
      rows.push(
        {
          figure: "Start to ready, existing data",
          store,
          measured: process.existingDatabaseReadyMs,
          unit: "ms",
          baseline: { name: "bare Bolt", value: slack?.process?.["bare Bolt"]?.existingDatabaseReadyMs },
          before: "3.1–3.3 s",
          target: { at: "most", value: 1500, unit: "ms" },
        },
        {
          figure: "Start to ready, new data",
          store,
          measured: process.newDatabaseReadyMs,
          unit: "ms",
          before: "6.8 s",
        },
        {
          figure: "Idle resident memory",
          store,
          measured: process.idleRssMiB * MB,
          unit: "MB",
          baseline: { name: "bare Bolt", value: slack?.process?.["bare Bolt"]?.idleRssMiB * MB },
          before: "477 MB",
          target: { at: "most", value: 200, unit: "MB" },
        },
      );
    }
    const sweeps = ((sweep?.sweeps ?? []) as Json[]).filter((s) => s.kind === store);
    const largest = sweeps.reduce<Json | undefined>((a, s) => (!a || s.enrollments > a.enrollments ? s : a), undefined);
    if (largest) {
      const partial =
        largest.enrollments < 100_000 ? `${largest.enrollments.toLocaleString("en")} enrollments` : undefined;
      const note = partial ? { note: partial } : {};
      rows.push(
        {
          figure: "Scheduler: repeat sweep of 100,000 enrollments",
          store,
          measured: largest.repeatSweepMs,
          unit: "ms",
          ...note,
          ...(partial ? {} : { before: BEFORE.sweep![store] }),
          // Quick mode sweeps 10,000: the 100,000 target does not apply to it.
          ...(partial ? {} : { target: { at: "most", value: store === "PGlite" ? 1000 : 300, unit: "ms" } as Target }),
        },
        {
          figure: "Scheduler: first sweep of 100,000 enrollments",
          store,
          measured: largest.firstSweepMs,
          unit: "ms",
          ...note,
        },
        // Hourly, every window read whole again (older results have none).
        ...(largest.catchUpSweepMs === undefined
          ? []
          : [
              {
                figure: "Scheduler: hourly catch-up sweep of 100,000 enrollments",
                store,
                measured: largest.catchUpSweepMs,
                unit: "ms",
                ...note,
              },
            ]),
        { figure: "Scheduler: statements per sweep", store, measured: largest.statementsPerSweep, unit: "", ...note },
        {
          figure: "Resident memory after the sweeps of 100,000 enrollments",
          store,
          measured: largest.afterSweepRssMiB * MB,
          unit: "MB",
          ...note,
        },
      );
    }
    const dispatch = ((sweep?.dispatches ?? []) as Json[]).find((d) => d.kind === store);
    if (dispatch) {
      rows.push({
        figure: "Dispatcher to a local fake platform",
        store,
        measured: dispatch.perSecond,
        unit: "messages/s",
        baseline: { name: "the platform alone", value: dispatch.platformAlonePerSecond },
        before: "350 messages/s vs 1,900–3,100",
        target: { at: "least", value: 1000, unit: "messages/s" },
      });
    }
    const d = ((digest?.digests ?? []) as Json[]).find((x) => x.store === store);
    if (d) {
      rows.push({
        figure: "Digest of 10,000 applications, 2,000 enrollments (p99)",
        store,
        measured: d.p99Ms,
        unit: "ms",
        baseline: { name: "`SELECT 1`", value: d.selectOneMs },
        target: { at: "most", value: 200, unit: "ms" },
      });
    }
    const t = term?.results?.[store === "PGlite" ? "PGlite (embedded)" : "PostgreSQL 127.0.0.1"];
    if (t) {
      rows.push({
        figure: "A whole full-time term through the console (median)",
        store,
        measured: t.fullTimeMedianMs,
        unit: "ms",
        baseline: { name: "one `help` round trip", value: t.helpRoundTripMs },
        before: "1.8 s",
        target: { at: "most", value: 1000, unit: "ms" },
      });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const info = results("run-info");
  const rows = collectRows();
  const met = rows.filter(
    (r) => r.target && r.measured !== undefined && verdict(r.measured, r.target, r.baseline?.value).met,
  );
  const targets = rows.filter((r) => r.target).length;
  const head = info
    ? `Run of ${info.startedAt} on ${info.machine} (${info.cores} cores), Node ${info.node}` +
      `${info.quick ? ", quick mode (BENCH_QUICK=1)" : ""}: ${Math.round(info.totalMs / 1000)} s in all ` +
      `(${(info.parts as Json[])
        .map((p) => `${p.name} ${Math.round(p.ms / 1000)} s${p.ok ? "" : ", failed"}`)
        .join(", ")}).`
    : "";
  const text = `${head}\n\n${summaryTable(rows)}\n\n${met.length} of ${targets} targets met.\n`;
  writeFileSync(new URL("./results/summary.md", import.meta.url), text);
  process.stdout.write(text);
}
