// Outbox delivery to Slack: direct messages and the digest's channel posts.
// Deliveries use Web API clients of their own that give up quickly (a request
// timeout, at most a couple of quick retries of a look-up, none of a post), so
// that the dispatcher, which waits out Retry-After and backs off, decides when
// to try again, and no request outlives the message's deadline.
import { deliveredPages, deliveredPageViews } from "../../chat/notifications.js";
import { webApi } from "@slack/bolt";
import { slackLogger } from "./logger.js";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../log.js";
import { ensureTimeFor, RateLimited, TimedOut, type OutgoingMessage, type Sender } from "../../scheduler/dispatcher.js";
import { fallbackText, messageBlocks } from "./blocks.js";

/** The event type of the metadata each outbox message carries, with its outbox id. */
export const OUTBOX_EVENT = "mentorship_outbox_message";
/** One Web API request; Slack answers in well under a second when it is well. */
export const SLACK_REQUEST_TIMEOUT_MS = 5_000;
/** One message, look-up and post together; well inside the dispatcher's lease. */
export const SLACK_MESSAGE_TIMEOUT_MS = 30_000;
const QUICK_RETRIES = 2;
/** Slack's clock and ours may disagree: an earlier copy is looked for from a minute before the first attempt. */
const CLOCK_SKEW_MS = 60_000;
/** Slack suggests at most 200 messages a page. */
const HISTORY_PAGE = 200;

export interface SlackDelivery {
  /** The app's client: deliveries take its token and API address. */
  client: WebClient;
  log: Logger;
  /** At most this many quick retries of a look-up (tests use 0). */
  retries?: number | undefined;
}

interface Clients {
  /** Look-ups (safe to repeat): a request timeout and quick retries. */
  reads: WebClient;
  /** Posts: one request each; a repeat would skip the look-up that keeps it from being posted twice. */
  writes: WebClient;
  /** The longest a read or a write can take, retries included. */
  readMs: number;
  writeMs: number;
}

/** `of` is asked on first use: the adapter's app does not exist yet when its sender is made. */
export function slackSender(of: () => SlackDelivery): Sender {
  let clients: Clients | undefined;
  const delivery = () => (clients ??= deliveryClients(of()));
  return {
    platform: "slack",
    timeoutMs: SLACK_MESSAGE_TIMEOUT_MS,
    send: async (message) => {
      const { writes, writeMs } = delivery();
      const pages = await deliveredPages(message, "slack");
      // A retry of a message in several pages posts only the pages the earlier attempt did not.
      const retry = message.attempt > 1 && pages.length > 1;
      const posted = retry ? await postedPages(message) : new Set<number>();
      for (const [page, view] of pages.entries()) {
        if (posted.has(page)) continue;
        const files = view.files ?? [];
        // Time for the whole page before any of it is sent: the post, then per file (the digest's chart) its
        // upload's three requests (an upload address, the bytes, the completion), after a direct message's
        // channel is looked up. A page that would not fit is left to the retry, which posts from it on.
        ensureTimeFor(message, writeMs * (files.length ? 2 + 3 * files.length : 1));
        await call(() =>
          writes.chat.postMessage({
            channel: message.target,
            text: fallbackText(view),
            blocks: messageBlocks(view),
            // The outbox id (and the page) travel with the message, so a retry can find it.
            metadata: { event_type: OUTBOX_EVENT, event_payload: { outbox_id: message.id, page } },
          }),
        );
        if (files.length === 0) continue;
        // Files follow their message. An upload that fails after the post is not tried again: the retry finds
        // the message by its metadata and sends nothing more, so a picture may be missing, never doubled; a
        // digest's text carries the chart's figures anyway.
        const channel = message.toChannel
          ? message.target
          : (await call(() => writes.conversations.open({ users: message.target }))).channel?.id;
        for (const file of files) {
          await call(() =>
            writes.files.uploadV2({
              channel_id: channel ?? message.target,
              file: file.content,
              filename: file.name,
              title: file.name,
              ...(file.altText ? { alt_text: file.altText } : {}),
            }),
          );
        }
      }
    },
    alreadyDelivered: async (message) => {
      // Pages are posted in order: the last one there means every one is.
      return (await postedPages(message)).has(deliveredPageViews(message, "slack").length - 1);
    },
  };

  /** The pages of a message an earlier attempt posted, found by the metadata each carries. */
  async function postedPages(message: OutgoingMessage): Promise<Set<number>> {
    const { reads, readMs } = delivery();
    const found = new Set<number>();
    ensureTimeFor(message, readMs);
    const channel = message.toChannel
      ? message.target
      : (await call(() => reads.conversations.open({ users: message.target }))).channel?.id;
    if (!channel) return found;
    // Only what came after the first attempt, however much that is: a busy
    // recipient's copy may sit behind hundreds of later messages.
    const oldest = ((message.firstAttemptAt.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
    let cursor: string | undefined;
    do {
      ensureTimeFor(message, readMs);
      const page = await call(() =>
        reads.conversations.history({
          channel,
          oldest,
          limit: HISTORY_PAGE,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        }),
      );
      for (const m of page.messages ?? []) {
        const copy = pageOf(m.metadata, message);
        if (copy !== undefined) found.add(copy);
      }
      cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
    } while (cursor);
    return found;
  }
}

/** Which page of `message` a posted message is (0 for one of a single page), or undefined for another's. */
function pageOf(metadata: unknown, message: OutgoingMessage): number | undefined {
  const found = metadata as
    | { event_type?: string; event_payload?: { outbox_id?: unknown; page?: unknown } }
    | undefined;
  if (found?.event_type !== OUTBOX_EVENT || found.event_payload?.outbox_id !== message.id) return undefined;
  const page = found.event_payload.page;
  return typeof page === "number" ? page : 0;
}

function deliveryClients({ client, log, retries }: SlackDelivery): Clients {
  const quickRetries = Math.min(retries ?? QUICK_RETRIES, QUICK_RETRIES);
  const base = {
    slackApiUrl: client.slackApiUrl,
    timeout: SLACK_REQUEST_TIMEOUT_MS,
    // A 429 goes back to the dispatcher, which waits it out without holding the message.
    rejectRateLimitedCalls: true,
    logger: slackLogger(log, { client: "deliveries" }),
  };
  const retryPause = { factor: 2, minTimeout: 100, maxTimeout: 400 };
  return {
    reads: new webApi.WebClient(client.token, { ...base, retryConfig: { retries: quickRetries, ...retryPause } }),
    writes: new webApi.WebClient(client.token, { ...base, retryConfig: { retries: 0 } }),
    readMs: (quickRetries + 1) * SLACK_REQUEST_TIMEOUT_MS + quickRetries * retryPause.maxTimeout,
    writeMs: SLACK_REQUEST_TIMEOUT_MS,
  };
}

/** Slack's 429 becomes RateLimited, a request that ran out of time TimedOut, for the dispatcher. */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const failure = error as { code?: string; retryAfter?: number; original?: { name?: string } };
    if (failure.code === "slack_webapi_rate_limited_error" && failure.retryAfter !== undefined) {
      throw new RateLimited(failure.retryAfter * 1000);
    }
    if (failure.code === "slack_webapi_request_error" && failure.original?.name === "TimeoutError") {
      throw new TimedOut(SLACK_REQUEST_TIMEOUT_MS);
    }
    throw error;
  }
}
