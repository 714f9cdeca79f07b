// Socket Mode's connection to Slack: Bolt's SocketModeReceiver, built here because Bolt's socketMode option
// passes no heartbeat settings, and reconnected by the bot itself. Slack's client reconnects on its own,
// but when apps.connections.open fails on the way back (a 500, a timeout) it stops trying, with an
// unhandled rejection, and the bot would hear nothing more. So after every close the bot asks for a new
// URL at once, then after 1 s, 2 s … at most 30 s between failed attempts, until it is stopped.
import { SocketModeReceiver, type App } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import { newErrorId, type Logger } from "../../log.js";
import type { slackLogger } from "./logger.js";

const RECONNECT_WAIT_MS = { first: 1000, most: 30_000 };

export interface SlackSocketOptions {
  appToken: string;
  /** The Web API client's options: SLACK_API_URL reaches apps.connections.open through them. */
  clientOptions: WebClientOptions;
  logger: ReturnType<typeof slackLogger>;
  log: Logger;
  clientPingTimeoutMs?: number | undefined;
  serverPingTimeoutMs?: number | undefined;
}

export class SlackSocket {
  readonly receiver: SocketModeReceiver;
  /** Set once the first connection was greeted: a failure before that fails the start instead. */
  private live = false;
  private stopping = false;
  private reconnecting: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: SlackSocketOptions) {
    this.receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: options.logger,
      installerOptions: { clientOptions: options.clientOptions },
      autoReconnectEnabled: false,
      ...(options.clientPingTimeoutMs ? { clientPingTimeout: options.clientPingTimeoutMs } : {}),
      ...(options.serverPingTimeoutMs ? { serverPingTimeout: options.serverPingTimeoutMs } : {}),
      // A listener's failure is ours: logged with an id, and the envelope acked so Slack does not redeliver it.
      processEventErrorHandler: async ({ error }) => {
        options.log.error({ err: error, errorId: newErrorId() }, "slack listener failed");
        return true;
      },
    });
    // Every close (Slack's disconnect, a missed ping or pong, a dropped socket) ends in "disconnected".
    this.receiver.client.on("disconnected", () => this.reconnect());
  }

  /** Settles once Slack's hello arrived on the first connection. */
  async start(app: App): Promise<void> {
    await app.start();
    this.live = true;
  }

  /** Stops reconnecting, lets an attempt under way finish, then closes the WebSocket and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.reconnecting;
    await this.receiver.client.disconnect();
  }

  private reconnect(): void {
    if (!this.live || this.stopping || this.reconnecting) return;
    this.reconnecting = this.connectAgain().finally(() => {
      this.reconnecting = undefined;
    });
  }

  private async connectAgain(): Promise<void> {
    let waitMs = RECONNECT_WAIT_MS.first;
    while (!this.stopping) {
      try {
        await this.receiver.client.start();
        return;
      } catch (error) {
        this.options.log.warn({ err: error, retryInMs: waitMs }, "slack socket mode could not reconnect");
      }
      if (this.stopping) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      waitMs = Math.min(waitMs * 2, RECONNECT_WAIT_MS.most);
    }
  }
}
