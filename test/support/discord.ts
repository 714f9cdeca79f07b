// The bot with its Discord adapter on a test database, talking to a
// FakeDiscord; and Discord users who send it interactions.
import { startBot, type RunningBot } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { ManualClock } from "../../src/core/clock.js";
import { parseCommand } from "../../src/chat/command-tree.js";
import { createLogger } from "../../src/log.js";
import type { Database } from "../../src/store/database.js";
import { generateKeyPairSync, sign } from "node:crypto";
import { APPLICATION_ID, FakeDiscord, snowflake, type RestCall } from "./fake-discord.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DiscordHarness {
  bot: RunningBot;
  fake: FakeDiscord;
  clock: ManualClock;
  ids: Map<string, string>;
  /** Interactions are POSTed to the bot's endpoint, signed, instead of dispatched over the gateway. */
  http: boolean;
  user(name: string): DiscordUser;
  idOf(name: string): string;
  close(): Promise<void>;
}

/** Discord's signing key for the interactions endpoint (a fresh one per run); its public half is the bot's. */
const signingKey = generateKeyPairSync("ed25519");
export const PUBLIC_KEY = Buffer.from(String(signingKey.publicKey.export({ format: "jwk" }).x), "base64url").toString(
  "hex",
);

/** Signs as Discord does: Ed25519 over the timestamp and the raw body. */
export const signInteraction = (timestamp: string, body: string): string =>
  sign(null, Buffer.from(timestamp + body), signingKey.privateKey).toString("hex");

export interface HarnessOptions {
  /** Interactions come to POST /discord/interactions, signed (DISCORD_PUBLIC_KEY set), not over the gateway. */
  http?: boolean;
  /** The same bot after a restart: the fake of the earlier harness (so its users' controls still apply). */
  fake?: FakeDiscord;
  /** Shared with an earlier harness, so ids (and the clock) mean the same people. */
  ids?: Map<string, string>;
  clock?: ManualClock;
  /** How often a bot without the gateway asks for it (see DiscordOptions.gatewayRetryMs). */
  gatewayRetryMs?: number;
}

export async function discordHarness(
  db: Database,
  operator = "operator",
  replyBudgetMs?: number,
  options: HarnessOptions = {},
): Promise<DiscordHarness> {
  const clock = options.clock ?? new ManualClock("2027-01-04T10:00:00Z");
  // Discord makes message ids from the test's time, as the bot sees it.
  const fake = options.fake ?? new FakeDiscord({ now: () => clock.now().getTime() });
  if (!options.fake) await fake.start();
  const ids = options.ids ?? new Map<string, string>();
  const idOf = (name: string) => {
    if (!ids.has(name)) ids.set(name, snowflake());
    return ids.get(name)!;
  };
  const config = loadConfig({
    DISCORD_TOKEN: "test-token",
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_URL: `${fake.base}/api`,
    MENTORSHIP_OPERATORS: `discord:${idOf(operator)}`,
    LOG_LEVEL: "silent",
    ...(options.http ? { DISCORD_PUBLIC_KEY: PUBLIC_KEY } : {}),
  });
  const bot = await startBot({
    config,
    log: createLogger("silent"),
    clock,
    database: db,
    scheduler: false,
    port: 0,
    ...(replyBudgetMs !== undefined ? { discordReplyBudgetMs: replyBudgetMs } : {}),
    ...(options.gatewayRetryMs !== undefined ? { discordGatewayRetryMs: options.gatewayRetryMs } : {}),
  });
  const harness: DiscordHarness = {
    bot,
    fake,
    clock,
    ids,
    http: options.http ?? false,
    idOf,
    user: (name) => new DiscordUser(name, idOf(name), harness),
    close: async () => {
      await bot.stop();
      if (!options.fake) await fake.stop();
      // A payload Discord would have refused fails the test that made it, whatever that test checked.
      if (fake.refused.length) throw new Error(`Discord would refuse: ${JSON.stringify(fake.refused.slice(0, 3))}`);
    },
  };
  return harness;
}

export interface Answer {
  /** The interaction's callback: 4 message, 5 deferred, 6 deferred update, 7 update, 9 modal. */
  type: number;
  data: Record<string, unknown>;
  /** Messages sent after a deferral (follow-ups, or the edit of a button's message). */
  followUps: RestCall[];
}

export class DiscordUser {
  constructor(
    readonly name: string,
    readonly id: string,
    private readonly h: Pick<DiscordHarness, "bot" | "fake" | "idOf"> & { http?: boolean },
  ) {}

  /** The newest interaction sent, so a test can deliver it again (a replica's or the gateway's duplicate). */
  lastInteraction: Record<string, unknown> = {};

  async replayLast(): Promise<void> {
    this.h.fake.dispatch("INTERACTION_CREATE", this.lastInteraction);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await this.h.bot.idle();
  }

  private get discordUser() {
    return { id: this.id, username: this.name, global_name: this.name, discriminator: "0", avatar: null };
  }

  private async send(
    type: number,
    data: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): Promise<Answer> {
    const { id, token, before } = this.interact(type, data, extra);
    // Up to 10 s: on a loaded machine the gateway's dispatch can take a while to reach the bot.
    for (let i = 0; i < 2000 && !this.h.fake.callbacks(id).length; i++) await sleep(5);
    await this.h.bot.idle();
    const callback = this.h.fake.callbacks(id)[0];
    if (!callback) throw new Error(`the bot did not answer interaction ${id}`);
    const followUps = this.h.fake.calls
      .slice(before)
      .filter((c) => c.path.includes(`/webhooks/${APPLICATION_ID}/${token}`));
    const kind = Number(callback.body.type);
    // Deferred (5, or 6 for a button's message), the answer is the first message after the deferral.
    const answer = kind === 5 || kind === 6 ? followUps[0]?.body : callback.body.data;
    return { type: kind, data: (answer as Record<string, unknown> | undefined) ?? {}, followUps };
  }

  /**
   * `/mentorship <text>`: how long until Discord had the bot's first answer
   * (Infinity after 10 s), without waiting for the bot to settle (deliveries
   * may be stuck on a failing platform meanwhile).
   */
  async timedCommand(text: string): Promise<number> {
    const started = Date.now();
    const { id } = this.interact(2, this.commandData(text));
    while (!this.h.fake.callbacks(id).length && Date.now() - started < 10_000) await sleep(5);
    return this.h.fake.callbacks(id).length ? Date.now() - started : Infinity;
  }

  private interact(type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const id = snowflake();
    const token = `token-${id}`;
    const before = this.h.fake.calls.length;
    this.lastInteraction = {
      id,
      application_id: APPLICATION_ID,
      type,
      data,
      token,
      version: 1,
      channel_id: `dm${this.id}`,
      channel: { id: `dm${this.id}`, type: 1 },
      user: this.discordUser,
      app_permissions: "0",
      locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "1": this.id },
      context: 1,
      ...extra,
    };
    if (this.h.http) void postInteraction(this.h.bot, this.lastInteraction);
    else this.h.fake.dispatch("INTERACTION_CREATE", this.lastInteraction);
    return { id, token, before };
  }

  /** `/mentorship <text>`, as Discord sends it: subcommand (group) and options. */
  async command(text: string): Promise<Answer> {
    return this.send(2, this.commandData(text));
  }

  private commandData(text: string): Record<string, unknown> {
    const parsed = parseCommand(text);
    if (!parsed.ok) throw new Error(parsed.problem);
    const resolvedUsers: Record<string, unknown> = {};
    const resolvedChannels: Record<string, unknown> = {};
    const options = parsed.spec.args
      .filter((arg) => parsed.args[arg.name] !== undefined)
      .map((arg) => {
        const value = parsed.args[arg.name]!;
        if (arg.choices === "person" || arg.choices === "mentee") {
          const name = value.replace(/^@/, "");
          const userId = this.h.idOf(name);
          resolvedUsers[userId] = { id: userId, username: name, global_name: name, discriminator: "0", avatar: null };
          return { type: 6, name: arg.name, value: userId };
        }
        if (arg.channel) {
          // Discord's channel picker sends the channel's id (type 7) and the channel among the resolved data.
          const channelId = value.replace(/^<#(\d+)>$/, "$1");
          resolvedChannels[channelId] = { id: channelId, type: 0, name: "mentors", permissions: "117760" };
          return { type: 7, name: arg.name, value: channelId };
        }
        return { type: 3, name: arg.name, value };
      });
    const [first, second] = parsed.spec.path;
    const sub = { type: 1, name: second ?? first, options };
    const data = {
      id: "900000000000000010",
      name: "mentorship",
      type: 1,
      options: [second ? { type: 2, name: first, options: [sub] } : sub],
      ...(Object.keys(resolvedUsers).length || Object.keys(resolvedChannels).length
        ? {
            resolved: {
              ...(Object.keys(resolvedUsers).length ? { users: resolvedUsers } : {}),
              ...(Object.keys(resolvedChannels).length ? { channels: resolvedChannels } : {}),
            },
          }
        : {}),
    };
    return data;
  }

  /** Discord asking for suggestions while the person types an option. */
  async autocomplete(path: string[], option: string, typed: string): Promise<Answer> {
    const focused = { type: 3, name: option, value: typed, focused: true };
    const sub = { type: 1, name: path.at(-1)!, options: [focused] };
    return this.send(4, {
      id: "900000000000000010",
      name: "mentorship",
      type: 1,
      options: [path.length === 2 ? { type: 2, name: path[0], options: [sub] } : sub],
    });
  }

  async press(customId: string, message: Record<string, unknown> = {}): Promise<Answer> {
    return this.send(
      3,
      { custom_id: customId, component_type: 2 },
      { message: { ...this.h.fake.message(`dm${this.id}`, { flags: 64 }), ...message } },
    );
  }

  /** Submits a modal the bot showed, with values by field id (missing ones keep the prefilled value). */
  /**
   * Submits a modal as Discord does: each Label's control with what the person chose. A test gives every
   * answer as text: an option by its number, value or label; people as mentions; yes/no. Controls it does
   * not answer keep what the modal offered.
   */
  async submit(modal: Record<string, unknown>, values: Record<string, string>): Promise<Answer> {
    const users: Record<string, Record<string, unknown>> = {};
    const attachments: Record<string, Record<string, unknown>> = {};
    const components = (modal.components as { component: ModalControl }[]).map(({ component: c }) => {
      const given = values[c.custom_id];
      if (c.type === 3 || c.type === 21) {
        const options = c.options ?? [];
        const picked =
          given === undefined
            ? options.find((o) => o.default)
            : (options[Number(given) - 1] ?? options.find((o) => o.value === given || o.label === given));
        if (given !== undefined && given !== "" && !picked)
          throw new Error(`"${given}" is not an option of ${c.custom_id}`);
        const answer = c.type === 3 ? { values: picked ? [picked.value] : [] } : { value: picked?.value ?? null };
        return { type: 18, component: { type: c.type, custom_id: c.custom_id, ...answer } };
      }
      if (c.type === 5) {
        const ids =
          given === undefined
            ? (c.default_values ?? []).map((d) => d.id)
            : [...given.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
        for (const id of ids) users[id] = { id, username: `user${id.slice(-4)}`, discriminator: "0", avatar: null };
        return { type: 18, component: { type: 5, custom_id: c.custom_id, values: ids } };
      }
      if (c.type === 19) {
        // An uploaded file: its attachment, resolved, at the URL the test gives.
        const ids = given ? [snowflake()] : [];
        for (const id of ids) {
          const file = { id, filename: "evidence.pdf", size: 2048, content_type: "application/pdf" };
          attachments[id] = { ...file, url: given, proxy_url: given };
        }
        return { type: 18, component: { type: 19, custom_id: c.custom_id, values: ids } };
      }
      if (c.type === 23) {
        const checked = given === undefined ? Boolean(c.default) : /^(y|yes|true)$/i.test(given.trim());
        return { type: 18, component: { type: 23, custom_id: c.custom_id, value: checked } };
      }
      return { type: 18, component: { type: 4, custom_id: c.custom_id, value: given ?? c.value ?? "" } };
    });
    return this.send(5, { custom_id: modal.custom_id, components, resolved: { users, attachments } });
  }
}

interface ModalControl {
  type: number;
  custom_id: string;
  value?: string;
  default?: boolean;
  options?: { value: string; label: string; default?: boolean }[];
  default_values?: { id: string }[];
}

/** The field ids a modal step asks, in order. */
export const modalFieldIds = (modal: Record<string, unknown>): string[] =>
  (modal.components as { component: { custom_id: string } }[]).map((label) => label.component.custom_id);

/** POSTs an interaction to the bot's endpoint as Discord does; the HTTP answer. */
export async function postInteraction(
  bot: RunningBot,
  payload: Record<string, unknown>,
  headers: Record<string, string> | "signed" = "signed",
): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signed = { "x-signature-ed25519": signInteraction(timestamp, body), "x-signature-timestamp": timestamp };
  return fetch(`http://127.0.0.1:${bot.http!.port}/discord/interactions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(headers === "signed" ? signed : headers) },
    body,
  });
}
