// The bot on a test database, talking to a FakeSlack: in HTTP mode (signed requests to /slack/events), or
// in Socket Mode (envelopes over a FakeSlackSocket's WebSocket).
import { startBot, type RunningBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { ManualClock } from "../../src/core/clock.js";
import { createLogger, type Logger } from "../../src/log.js";
import type { Database } from "../../src/store/database.js";
import type { SlackOptions } from "../../src/adapters/slack/slack-adapter.js";
import { FakeSlack, SlackUser } from "./fake-slack.js";
import { FakeSlackSocket, type FakeSlackSocketOptions } from "./fake-slack-socket.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** How Slack reaches the bot. */
export type SlackTransportKind = "http" | "socket";
export const SLACK_TRANSPORTS: SlackTransportKind[] = ["http", "socket"];

export interface SlackHarnessOptions {
  transport?: SlackTransportKind;
  /**
   * Socket Mode's heartbeat. Slack's client defaults unless given: a short pong timeout can drop a
   * connection on a loaded machine.
   */
  socket?: SlackOptions["socket"];
  fakeSocket?: FakeSlackSocketOptions;
  /** Logs of the bot (silent unless given). */
  log?: Logger;
}

export interface SlackHarness {
  bot: RunningBot;
  fake: FakeSlack;
  /** Socket Mode's WebSocket, when the transport is "socket". */
  socket: FakeSlackSocket | undefined;
  clock: ManualClock;
  base: string;
  user(id: string, name: string): SlackUser;
  close(): Promise<void>;
}

export async function slackHarness(
  db: Database,
  operators = "slack:UOPERATOR",
  submitBudgetMs?: number,
  options: SlackHarnessOptions = {},
): Promise<SlackHarness> {
  const clock = new ManualClock("2027-01-04T10:00:00Z");
  // Slack stamps messages with the test's time, as the bot sees it.
  const fake = new FakeSlack({ now: () => clock.now().getTime() });
  await fake.start();
  const socket = options.transport === "socket" ? new FakeSlackSocket(fake, options.fakeSocket) : undefined;
  await socket?.start();
  const config = loadConfig({
    ...(socket ? { SLACK_APP_TOKEN: "xapp-1-A1-test-token" } : {}),
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.base}/api/`,
    MENTORSHIP_OPERATORS: operators,
    LOG_LEVEL: "silent",
  });
  const bot = await startBot({
    config,
    log: options.log ?? createLogger("silent"),
    clock,
    database: db,
    scheduler: false,
    slackRetries: 0,
    port: 0,
    ...(submitBudgetMs !== undefined ? { slackSubmitBudgetMs: submitBudgetMs } : {}),
    ...(socket && options.socket ? { slackSocket: options.socket } : {}),
  });
  const base = `http://127.0.0.1:${bot.http!.port}`;
  return {
    bot,
    fake,
    socket,
    clock,
    base,
    user: (id, name) =>
      new SlackUser(id, name, socket ? { fake, send: socket.transport } : { bot: base, fake, secret: SIGNING_SECRET }),
    close: async () => {
      await bot.stop();
      await socket?.stop();
      await fake.stop();
      // A payload Slack would have refused fails the test that made it, whatever that test checked.
      if (fake.refused.length) throw new Error(`Slack would refuse: ${JSON.stringify(fake.refused.slice(0, 3))}`);
    },
  };
}

type Block = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type: string; text?: { text: string }; action_id?: string; value?: string }[];
};

/** All visible text of some blocks, for assertions. */
export function blockText(blocks: Block[] | undefined): string {
  return (blocks ?? [])
    .flatMap((b) => [
      b.text?.text ?? "",
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => e.text?.text ?? (e as { text?: string }).text ?? ""),
    ])
    .join("\n");
}

/** Buttons in some blocks, with the section text above each. */
export function blockButtons(
  blocks: Block[] | undefined,
): { label: string; action_id: string; value: string; context: string }[] {
  const found: { label: string; action_id: string; value: string; context: string }[] = [];
  let context = "";
  for (const block of blocks ?? []) {
    if (block.type === "section" || block.type === "header") context = block.text?.text ?? context;
    if (block.type === "divider") context = "";
    for (const e of block.type === "actions" ? (block.elements ?? []) : []) {
      found.push({ label: e.text?.text ?? "", action_id: e.action_id ?? "", value: e.value ?? "", context });
    }
  }
  return found;
}
