// Work that only one replica may do at a time (holding Discord's gateway connection), behind the store's
// exclusive lock (store/exclusive-lock.ts). A replica that does not hold the lock asks again every few
// seconds and starts the work when it gets it; the holder checks its lock as often and stops the work as
// soon as the lock is lost, so two replicas never do it together for longer than one check.
import type { Core } from "../core/context.js";
import type { Logger } from "../log.js";

type HeldLock = NonNullable<Awaited<ReturnType<Core["db"]["tryLock"]>>>;

export interface OneReplicaWork {
  /** The lock `name` (e.g. the Discord application's gateway). */
  name: string;
  /** Called once the lock is held: starts the work (a failure releases the lock and is tried again later). */
  acquired(): Promise<void>;
  /** Called when the lock is lost or given back: stops the work. */
  released(): Promise<void>;
  /** How often a replica asks for the lock, and the holder checks it still has it. */
  retryMs: number;
}

export class OneReplica {
  private lock: HeldLock | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Attempts, checks and losses run one after the other, never interleaved. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly core: Core,
    private readonly log: Logger,
    private readonly work: OneReplicaWork,
  ) {}

  /**
   * Asks for the lock once now, then every `retryMs`. Resolves after `acquired` when the lock was granted;
   * when `acquired` fails this first time (a token Discord refuses), the lock is given back and start fails,
   * so a misconfigured bot stops at once instead of retrying for ever.
   */
  async start(): Promise<void> {
    this.stopped = false;
    let failure: { error: unknown } | undefined;
    await this.run(() =>
      this.attempt(true).catch((error: unknown) => {
        // The lock was given back already; nothing is asked again.
        failure = { error };
        this.stopped = true;
        clearTimeout(this.timer);
      }),
    );
    if (failure) throw failure.error;
  }

  /** True while this replica holds the lock. */
  get holding(): boolean {
    return this.lock !== undefined;
  }

  /** Stops the work (when held) and gives the lock back, so another replica can take it at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.run(() => this.lose());
  }

  private run(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step).catch((error: unknown) => {
      this.log.error({ err: error, lock: this.work.name }, "one-replica step failed; trying again later");
    });
    return this.chain;
  }

  /** `acquired`'s failure is thrown on the first attempt (start) and logged on later ones. */
  private async attempt(first = false): Promise<void> {
    if (this.stopped) return;
    if (this.lock && !(await this.lock.check())) await this.lose();
    if (!this.lock) {
      const lock = await this.core.db.tryLock(this.work.name).catch((error: unknown) => {
        this.log.warn({ err: error, lock: this.work.name }, "could not ask for a lock; asking again later");
        return undefined;
      });
      if (lock) await this.hold(lock, first);
    }
    this.schedule();
  }

  private async hold(lock: HeldLock, first: boolean): Promise<void> {
    this.lock = lock;
    this.log.info({ lock: this.work.name }, "holding the lock; starting its work");
    // A lost connection is acted on at once, not at the next check.
    void lock.lost.then(() => this.run(() => (this.lock === lock ? this.lose() : Promise.resolve())));
    try {
      await this.work.acquired();
    } catch (error) {
      await this.lose();
      if (first) throw error;
      this.log.error({ err: error, lock: this.work.name }, "could not start the lock's work; gave the lock back");
    }
  }

  /** Stops the work before the lock goes, so the next holder never overlaps this one. */
  private async lose(): Promise<void> {
    const lock = this.lock;
    if (!lock) return;
    this.lock = undefined;
    try {
      await this.work.released();
    } finally {
      await lock.release();
      if (!this.stopped) this.log.warn({ lock: this.work.name }, "lock lost or given back; asking for it again");
      this.schedule();
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(() => this.attempt()), this.work.retryMs);
    // The bot's HTTP server keeps the process alive; this timer alone should not.
    this.timer.unref();
  }
}
