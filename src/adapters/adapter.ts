// What every chat platform's adapter offers the composition root (app.ts), which starts, stops and waits
// for each configured adapter in turn and gives their senders to the scheduler. An adapter reads its
// platform's payloads into chat requests (see chat/requests.ts), renders the chat layer's views in its
// platform's own UI, and delivers the outbox's messages to its platform.
import type { Platform } from "../chat/requests.js";
import type { RequestListener } from "../http-server.js";
import type { Sender } from "../scheduler/dispatcher.js";

export interface ChatAdapter {
  readonly platform: Platform;
  /** Starts intake; resolves once requests are received (a gateway connected, a console reading). */
  start(): Promise<void>;
  /** Stops intake and waits for requests and deliveries in flight. */
  stop(): Promise<void>;
  /** Settles when everything received so far has been handled and its messages delivered (tests). */
  idle(): Promise<void>;
  /** Delivers outbox messages to this platform: the scheduler's ticks and the adapter's own deliveries. */
  readonly sender: Sender;
  /** Told after a use case wrote outbox messages, so they are delivered now rather than at the next tick. */
  readonly onOutboxWritten: () => void;
  /** Paths the bot's HTTP server hands to this adapter (Slack's events in HTTP mode, Discord's interactions). */
  readonly routes?: Readonly<Record<string, RequestListener>>;
  /**
   * Settles when the adapter will receive nothing more by itself (the console's input ended), with the exit
   * status the process ends with: 0, or not when the input was stopped on a mistake (a piped script's).
   */
  readonly finished?: Promise<number>;
}
