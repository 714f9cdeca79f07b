// The clock of the bot: on each node-cron tick, the sweeps enqueue what is
// due, then each platform's dispatcher delivers. Ticks never overlap in one
// process; several processes may tick at once (the database keeps them apart).
import cron, { type ScheduledTask } from "node-cron";
import type { Core } from "../core/context.js";
import type { Logger } from "../log.js";
import { forgetExpiredDrafts } from "../core/drafts.js";
import { forgetOldRequests } from "../core/requests.js";
import { dispatch, type Sender } from "./dispatcher.js";
import { sweep, type SweepOptions } from "./sweeps.js";

export interface SchedulerOptions extends SweepOptions {
  /** A cron expression: when to tick (default every minute). */
  cron: string;
}

export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  /** Whether a tick of this process has swept every window whole: what came due while it was down is found. */
  private caughtUp = false;

  constructor(
    private readonly core: Core,
    private readonly senders: Sender[],
    private readonly log: Logger,
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    this.task = cron.schedule(this.options.cron, () => void this.tick());
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.running;
  }

  /** One tick: sweeps, then delivery. A tick still running makes the next one a no-op. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      try {
        const enqueued = await sweep(this.core, this.options, { catchUp: !this.caughtUp });
        this.caughtUp = true;
        await forgetOldRequests(this.core);
        await forgetExpiredDrafts(this.core);
        for (const sender of this.senders) {
          // Drain in batches, so a backlog does not wait for the next tick.
          for (let batch = 0; batch < 100; batch++) {
            // A batch that delivered nothing (the platform is failing) waits for the next tick.
            if ((await dispatch(this.core, sender)).delivered === 0) break;
          }
        }
        this.log.debug({ enqueued }, "tick");
      } catch (error) {
        this.log.error({ err: error }, "scheduler tick failed; the next tick tries again");
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
