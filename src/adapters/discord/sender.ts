// Outbox delivery to Discord: direct messages and the digest's channel posts.
// Deliveries use a REST client of their own with a request timeout and no
// waiting on rate limits (a 429 goes back to the dispatcher, which waits it
// out without holding the message), so no request outlives the message's
// deadline. Each message carries a nonce Discord enforces: a repeat within
// Discord's few minutes returns the first copy instead of posting a second.
// For a later retry, the look-up reads the channel from the first attempt on.
import { deliveredPages, deliveredPageViews } from "../../chat/notifications.js";
import type { MessageView } from "../../chat/views.js";
import {
  REST,
  RateLimitError,
  Routes,
  type APIEmbed,
  type APIMessage,
  type Client,
  type RESTGetAPIChannelMessagesResult,
  type RESTPostAPICurrentUserCreateDMChannelResult,
} from "discord.js";
import { ensureTimeFor, RateLimited, TimedOut, type OutgoingMessage, type Sender } from "../../scheduler/dispatcher.js";
import { discordMessage, type DiscordMessage } from "./components.js";

/** One REST request; Discord answers in well under a second when it is well. */
export const DISCORD_REQUEST_TIMEOUT_MS = 5_000;
/** One message, look-up and post together; well inside the dispatcher's lease. */
export const DISCORD_MESSAGE_TIMEOUT_MS = 30_000;
/** A repeat is safe (the nonce), so one quick retry of a 5xx or a timeout. */
const RETRIES = 1;
const CALL_MS = (RETRIES + 1) * DISCORD_REQUEST_TIMEOUT_MS;
/** Discord's clock and ours may disagree: an earlier copy is looked for from a minute before the first attempt. */
const CLOCK_SKEW_MS = 60_000;
/** The most messages Discord returns in one page. */
const PAGE = 100;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
/** The longest description (alt text) Discord keeps for an attachment. */
const ATTACHMENT_DESCRIPTION = 1024;

export interface DiscordDelivery {
  /** The client: deliveries take its API address and, once it logged in to the gateway, its bot user. */
  client: Client;
  /** The bot's token: replicas that do not hold the gateway (or serve HTTP interactions) deliver too. */
  token: string;
}

/** A Discord id for a moment: messages after it were created after that moment. */
export const snowflakeAt = (at: Date): string => String((BigInt(at.getTime()) - DISCORD_EPOCH_MS) << 22n);

/** Discord keeps a nonce of at most 25 characters. */
export const nonceOf = (message: Pick<OutgoingMessage, "id">, page = 0): string => {
  const id = message.id.replace(/-/g, "");
  // A message's later pages (see deliveredPages) each have a nonce of their own.
  return page === 0 ? id.slice(0, 25) : `${id.slice(0, 21)}p${String(page).padStart(3, "0")}`;
};

/** `of` is asked on first use. */
export function discordSender(of: () => DiscordDelivery): Sender {
  let rest: REST | undefined;
  let botUserId: string | undefined;
  const delivery = () => {
    if (!rest) {
      const { client, token } = of();
      const options = { timeout: DISCORD_REQUEST_TIMEOUT_MS, retries: RETRIES, rejectOnRateLimit: () => true };
      rest = new REST({ ...client.rest.options, ...options }).setToken(token);
      botUserId = client.user?.id;
    }
    return rest;
  };
  // A person's direct-message channel with the bot never changes.
  const dmChannels = new Map<string, string>();
  const channelOf = async (message: OutgoingMessage): Promise<string> => {
    if (message.toChannel) return message.target;
    const known = dmChannels.get(message.target);
    if (known) return known;
    ensureTimeFor(message, CALL_MS);
    const opening = () => delivery().post(Routes.userChannels(), { body: { recipient_id: message.target } });
    const channel = (await call(opening)) as RESTPostAPICurrentUserCreateDMChannelResult;
    dmChannels.set(message.target, channel.id);
    return channel.id;
  };
  const body = (message: OutgoingMessage, view: MessageView, page = 0) => ({
    ...discordMessage([view]),
    nonce: nonceOf(message, page),
    enforce_nonce: true,
  });
  /**
   * Which of `shown` (what each page shows) an earlier attempt posted, read from the first attempt on until
   * every page, or page `until`, is found.
   */
  const copiesIn = async (message: OutgoingMessage, shown: string[], until?: number): Promise<Set<number>> => {
    const channelId = await channelOf(message);
    const found = new Set<number>();
    // Discord keeps a message's nonce only briefly and does not return it when
    // messages are read back, so a copy is recognised by what it shows.
    const pageOf = (m: APIMessage) => {
      if (botUserId === undefined ? m.author.bot !== true : m.author.id !== botUserId) return -1;
      const nonce = shown.findIndex((_, page) => m.nonce === nonceOf(message, page));
      return nonce >= 0 ? nonce : shown.indexOf(fingerprint(m));
    };
    let after = snowflakeAt(new Date(message.firstAttemptAt.getTime() - CLOCK_SKEW_MS));
    for (;;) {
      ensureTimeFor(message, CALL_MS);
      const query = new URLSearchParams({ after, limit: String(PAGE) });
      const reading = () => delivery().get(Routes.channelMessages(channelId), { query });
      // The REST client returns what Discord answered untyped; this route answers with messages.
      const page = (await call(reading)) as RESTGetAPIChannelMessagesResult;
      for (const copy of page.map(pageOf)) if (copy >= 0) found.add(copy);
      if (page.length < PAGE || found.size === shown.length || (until !== undefined && found.has(until))) {
        return found;
      }
      // Pages come newest first, even when read forwards with `after`.
      after = page
        .map((m) => BigInt(m.id))
        .reduce((a, b) => (a > b ? a : b))
        .toString();
    }
  };
  // The words alone: an attachment is not part of what a copy is recognised by.
  const shownBy = (message: OutgoingMessage, pages: MessageView[]) =>
    pages.map((view, page) => fingerprint(body(message, { ...view, files: [] }, page)));

  return {
    platform: "discord",
    timeoutMs: DISCORD_MESSAGE_TIMEOUT_MS,
    send: async (message) => {
      const channelId = await channelOf(message);
      const pages = await deliveredPages(message, "discord");
      // A retry of a message in several pages posts only the pages the earlier attempt did not.
      const posted =
        message.attempt > 1 && pages.length > 1 ? await copiesIn(message, shownBy(message, pages)) : new Set();
      for (const [page, view] of pages.entries()) {
        if (posted.has(page)) continue;
        const files = view.files ?? [];
        ensureTimeFor(message, CALL_MS);
        // Files (the digest's chart) travel in the same request as the message (multipart), so the nonce
        // covers them too: a message and its picture arrive together or not at all.
        const attachments = files.map((f, id) => ({
          id,
          filename: f.name,
          ...(f.altText ? { description: f.altText.slice(0, ATTACHMENT_DESCRIPTION) } : {}),
        }));
        await call(() =>
          delivery().post(Routes.channelMessages(channelId), {
            body: { ...body(message, view, page), ...(files.length ? { attachments } : {}) },
            files: files.map((f, i) => ({
              key: `files[${i}]`,
              name: f.name,
              data: f.content,
              contentType: f.mimeType,
            })),
          }),
        );
      }
    },
    alreadyDelivered: async (message) => {
      // Pages are posted in order: the last one there means every one is.
      const pages = deliveredPageViews(message, "discord");
      return (await copiesIn(message, shownBy(message, pages), pages.length - 1)).has(pages.length - 1);
    },
  };
}

/** What we sent, or a message as Discord returns it (whose components may be of any kind). */
type Shown = Pick<DiscordMessage, "content"> & { embeds?: APIEmbed[]; components?: readonly object[] };

/** What a message shows, as Discord returns it: text, embeds' words, buttons' ids. */
function fingerprint(message: Shown): string {
  const embeds = message.embeds ?? [];
  const buttons = (message.components ?? []).flatMap((row) => ("components" in row ? list(row.components) : []));
  return JSON.stringify([
    message.content ?? "",
    embeds.map((e) => [e.title ?? "", e.description ?? "", (e.fields ?? []).map((f) => [f.name, f.value])]),
    buttons.map((c) => ("custom_id" in c ? String(c.custom_id) : "url" in c ? String(c.url) : "")),
  ]);
}

const list = (value: unknown): object[] =>
  Array.isArray(value) ? value.filter((v): v is object => typeof v === "object" && v !== null) : [];

/** Discord's 429 becomes RateLimited, a request that ran out of time TimedOut, for the dispatcher. */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof RateLimitError) throw new RateLimited(error.retryAfter);
    if (error instanceof Error && error.name === "AbortError") throw new TimedOut(DISCORD_REQUEST_TIMEOUT_MS);
    throw error;
  }
}
