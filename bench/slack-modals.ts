// `npm run bench` (part): signed modal submissions (`view_submission`, the mentor profile form: bio,
// expertise, time zone, capacity; each one saved), at concurrency 1 and 32, to our bot in Slack HTTP mode on
// each store, against a bare Bolt app acknowledging every submission (the baseline, same run, same load
// generator). The targets are bench/target.ts processes, as in bench/slack.ts. Per round: ack latency
// (median, p99), submissions acknowledged per second, answers other than 200, acks that refused the form (a
// `response_action: errors`: must be none) and the target's event-loop delay. Writes
// bench/results/slack-modals.json.
import { createHmac } from "node:crypto";
import { request } from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import { spawnTarget, storeFor, type Target } from "./slack.js";
import { benchStores, median, p99, QUICK } from "./stores.js";
import { SIGNING_SECRET } from "./target-messages.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 2 : 3));
const PEOPLE = 32;
const SERIAL = Number(process.env.BENCH_SLACK_SERIAL ?? (QUICK ? 30 : 60));
const CONCURRENT = Number(process.env.BENCH_SLACK_CONCURRENT ?? (QUICK ? 160 : 320));

/** The mentor profile form as our bot shows it (src/adapters/slack/modals.ts), and what a person typed in it. */
const FIELDS: [blockId: string, type: string, value: string][] = [
  ["bio", "plain_text_input", "Maintainer of a scheduler; I review pull requests daily."],
  ["expertise", "plain_text_input", "Go, Kubernetes, testing"],
  ["timeZone", "plain_text_input", "Europe/Berlin"],
  ["capacity", "number_input", "2"],
];

let triggers = 0;

/** The signed body of one submission of the form by a person. */
export function submissionBody(person: number, at = Date.now()): { body: string; headers: Record<string, string> } {
  const trigger = `9${String(++triggers).padStart(9, "0")}.bench`;
  const payload = {
    type: "view_submission",
    team: { id: "T1" },
    user: { id: `UBENCH${person}`, username: `person${person}`, name: `person${person}` },
    api_app_id: "A1",
    trigger_id: trigger,
    view: {
      id: `V${person}`,
      type: "modal",
      callback_id: "profile-mentor",
      private_metadata: "",
      blocks: FIELDS.map(([block_id, type]) => ({
        type: "input",
        block_id,
        label: { type: "plain_text", text: block_id },
        element: { type, action_id: "value" },
      })),
      state: { values: Object.fromEntries(FIELDS.map(([id, type, value]) => [id, { value: { type, value } }])) },
    },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = Math.floor(at / 1000);
  const signature = `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return {
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature,
    },
  };
}

/** One POST on a connection of its own; its status (0 when the connection failed) and body. */
function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", () => resolve({ status: 0, text: "" }));
    });
    req.on("error", () => resolve({ status: 0, text: "" }));
    req.end(body);
  });
}

async function submit(target: Target, person: number) {
  const { body, headers } = submissionBody(person);
  const started = performance.now();
  const { status, text } = await post(`${target.base}/slack/events`, body, headers);
  return { status, ackMs: performance.now() - started, refused: text.includes('"errors"') };
}

export interface ModalLoad {
  ackMedianMs: number;
  ackP99Ms: number;
  submissionsPerSecond: number;
  non200: number;
  /** Acks that showed errors on the form instead of saving it. */
  refused: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

async function load(target: Target, concurrency: number, total: number): Promise<ModalLoad> {
  const acks: number[] = [];
  let non200 = 0;
  let refused = 0;
  let sent = 0;
  await target.ask("measure");
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, person) => {
      while (sent < total) {
        sent++;
        const s = await submit(target, person);
        acks.push(s.ackMs);
        if (s.status !== 200) non200++;
        if (s.refused) refused++;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const loop = await target.ask("report");
  return {
    ackMedianMs: median(acks),
    ackP99Ms: p99(acks),
    submissionsPerSecond: (total / elapsedMs) * 1000,
    non200,
    refused,
    loopDelayP99Ms: "loopDelayP99Ms" in loop ? loop.loopDelayP99Ms : Number.NaN,
    loopDelayMaxMs: "loopDelayMaxMs" in loop ? loop.loopDelayMaxMs : Number.NaN,
  };
}

export type ModalResults = Record<string, { serial: ModalLoad[]; concurrent: ModalLoad[] }>;

export async function benchModals(storeNames: string[]): Promise<ModalResults> {
  const targets: Record<string, Target> = { "bare Bolt": await spawnTarget(["bare"]) };
  const stores: { drop(): Promise<void> }[] = [];
  const results: ModalResults = {};
  try {
    for (const name of storeNames) {
      const store = await storeFor(name);
      stores.push(store);
      targets[name] = await spawnTarget(["bot", store.where]);
    }
    for (const [name, target] of Object.entries(targets)) {
      results[name] = { serial: [], concurrent: [] };
      // Each person's first submission creates them and their profile; the load then edits it.
      await Promise.all(Array.from({ length: PEOPLE }, (_, person) => submit(target, person)));
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, target] of Object.entries(targets)) {
        results[name]!.serial.push(await load(target, 1, SERIAL));
        results[name]!.concurrent.push(await load(target, PEOPLE, CONCURRENT));
        process.stderr.write(
          `slack modals round ${round + 1} ${name}: ${JSON.stringify(results[name]!.concurrent.at(-1))}\n`,
        );
      }
    }
  } finally {
    for (const target of Object.values(targets)) await target.stop();
    for (const store of stores) await store.drop();
  }
  return results;
}

export function modalTable(results: ModalResults, rounds: number): string {
  const names = Object.keys(results);
  const mid = (n: string, phase: "serial" | "concurrent", key: keyof ModalLoad) =>
    median(results[n]![phase].map((r) => r[key]));
  const ms = (v: number) => `${Math.round(v)} ms`;
  const row = (label: string, f: (n: string) => string) => `| ${label} | ${names.map(f).join(" | ")} |`;
  return [
    `| Slack, modal submissions (median of ${rounds} rounds) | ${names.join(" | ")} |`,
    `|---|${names.map(() => "---:").join("|")}|`,
    row(
      "1 at a time: ack, median / p99",
      (n) => `${ms(mid(n, "serial", "ackMedianMs"))} / ${ms(mid(n, "serial", "ackP99Ms"))}`,
    ),
    row(
      `${PEOPLE} at once: ack, median / p99`,
      (n) => `${ms(mid(n, "concurrent", "ackMedianMs"))} / ${ms(mid(n, "concurrent", "ackP99Ms"))}`,
    ),
    row(
      `${PEOPLE} at once: submissions acked per second`,
      (n) => `${Math.round(mid(n, "concurrent", "submissionsPerSecond"))}/s`,
    ),
    row(`${PEOPLE} at once: answers other than 200 (of ${CONCURRENT} a round)`, (n) =>
      String(mid(n, "concurrent", "non200")),
    ),
    row(`${PEOPLE} at once: forms refused`, (n) => String(mid(n, "concurrent", "refused"))),
    row(
      `${PEOPLE} at once: event-loop delay p99 / max`,
      (n) => `${ms(mid(n, "concurrent", "loopDelayP99Ms"))} / ${ms(mid(n, "concurrent", "loopDelayMaxMs"))}`,
    ),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchModals((await benchStores()).map((s) => s.name));
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const output = { at: new Date().toISOString(), node: process.version, rounds: ROUNDS, quick: QUICK, load: results };
  writeFileSync(new URL("./results/slack-modals.json", import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`${modalTable(results, ROUNDS)}\n`);
}
