// A lock only one process at a time may hold, for work that must not run on two replicas at once (holding
// Discord's gateway connection: two holders would both receive every interaction). On PostgreSQL it is a
// session-level advisory lock on a connection of its own: the server releases it when that connection ends,
// so a holder that crashed, was killed or lost its network is replaced by the next replica that asks. On
// PGlite one process owns the data directory anyway (directory-lock.ts), so the lock is always granted.
import { createHash } from "node:crypto";
import pg from "pg";
import type { DatabaseLog } from "./database.js";

export interface HeldLock {
  /** Settles when the lock is lost: its connection ended or stopped answering. */
  readonly lost: Promise<void>;
  /** True while the lock's connection still answers (a short query); false once it is lost. */
  check(): Promise<boolean>;
  /** Releases the lock (ends its connection). */
  release(): Promise<void>;
}

/** How long the lock's connection may take to answer before it counts as lost. */
const CHECK_TIMEOUT_MS = 3_000;

/** An advisory lock's key is a 64-bit integer: the first 8 bytes of the name's SHA-256. */
export const advisoryKey = (name: string): string =>
  createHash("sha256").update(name).digest().readBigInt64BE(0).toString();

/** Takes the lock `name` if no other session holds it; undefined when another one does. */
export async function tryPostgresLock(url: string, name: string, log: DatabaseLog): Promise<HeldLock | undefined> {
  // keepAlive notices a server that vanished without closing the socket; no statement timeout on this session.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CHECK_TIMEOUT_MS, keepAlive: true });
  let markLost = (): void => {};
  const lost = new Promise<void>((resolve) => (markLost = resolve));
  let ended = false;
  const end = async () => {
    ended = true;
    markLost();
    await client.end().catch(() => {});
  };
  client.on("error", (error) => {
    log.warn({ err: error, lock: name }, "the connection holding a lock was lost");
    void end();
  });
  client.on("end", () => void end());
  try {
    await client.connect();
    const [row] = (await client.query("SELECT pg_try_advisory_lock($1::bigint) AS held", [advisoryKey(name)])).rows;
    if (row?.held !== true) {
      await end();
      return undefined;
    }
  } catch (error) {
    await end();
    throw error;
  }
  return {
    lost,
    check: async () => {
      if (ended) return false;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
      const answered = client.query("SELECT 1").then(
        () => true,
        () => false,
      );
      const alive = await Promise.race([answered, timedOut]).finally(() => clearTimeout(timer));
      if (!alive) await end();
      return alive;
    },
    release: end,
  };
}

/** PGlite's: one process per data directory, so the lock is held from the start and never lost. */
export function processLock(): HeldLock {
  return { lost: new Promise(() => {}), check: async () => true, release: async () => {} };
}
