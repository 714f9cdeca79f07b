// Opens the store: embedded PGlite (a directory, or memory://) or PostgreSQL,
// behind one Prisma client. Everything above this file sees only `Database`.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import type { IsolationLevel, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { applyMigrations, type SqlExecutor, type SqlSession } from "./migrations.js";
import { acquireDirectoryLock } from "./directory-lock.js";
import { processLock, tryPostgresLock, type HeldLock } from "./exclusive-lock.js";
import { isDatabaseUnavailable } from "./outage.js";

export type StoreKind = "pglite" | "postgresql";

export interface Database {
  readonly kind: StoreKind;
  readonly prisma: PrismaClient;
  /** Runs plain SQL outside Prisma (migrations, health checks). */
  readonly sql: SqlSession;
  /** Answers true when a trivial query succeeds. */
  ping(): Promise<boolean>;
  /** Takes the lock `name` unless another process holds it (see exclusive-lock.ts); undefined then. */
  tryLock(name: string): Promise<HeldLock | undefined>;
  close(): Promise<void>;
}

export interface StoreLocation {
  /** `postgresql://…`, `memory://`, or undefined for PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
}

/** Where lost connections are reported (pino's Logger fits); silent by default. */
export interface DatabaseLog {
  warn(details: object, message: string): void;
}

export interface OpenOptions {
  migrate?: boolean;
  log?: DatabaseLog;
}

const silent: DatabaseLog = { warn: () => {} };

export async function openDatabase(where: StoreLocation, options: OpenOptions = {}): Promise<Database> {
  const db = where.databaseUrl?.startsWith("postgres")
    ? openPostgres(where.databaseUrl, options.log ?? silent)
    : await openPGlite(where.databaseUrl === "memory://" ? undefined : where.dataDir);
  if (options.migrate !== false) {
    try {
      await applyMigrations(db.sql);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = (): void => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite is one process per directory; a second one would corrupt it.
    releaseLock = acquireDirectoryLock(dataDir);
  }
  try {
    return databaseOnPGlite(await startPGliteWorker(dataDir ? { dataDir } : {}), releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** What the worker opens: a data directory, a snapshot (a tarball of one, tests), or an empty one in memory. */
export interface PGliteSource {
  dataDir?: string;
  snapshot?: Uint8Array;
  /** SQL run once on the session before it serves (session settings). */
  setup?: string;
}

/** The embedded PGlite running on its worker thread (pglite-worker.mjs), reachable on `socketPath`. */
export interface PGliteWorker {
  readonly socketPath: string;
  /** Closes the socket and the database, and waits for the thread to end. */
  stop(): Promise<void>;
}

/** How long a stopping worker may take to close PGlite (it writes its files) before it is terminated. */
const WORKER_STOP_TIMEOUT_MS = 10_000;

export async function startPGliteWorker(source: PGliteSource): Promise<PGliteWorker> {
  // A directory only this user may enter: the socket has no password, and whoever can connect can read it all.
  const socketDir = mkdtempSync(path.join(tmpdir(), "mentorship-pglite-"));
  const socketPath = path.join(socketDir, ".s.PGSQL.5432");
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), {
    workerData: { ...source, socketPath },
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  // A worker that failed later closed its socket with it: statements then meet the outage sentence.
  worker.on("error", () => {});
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`The PGlite worker ended while starting (exit code ${code}).`)));
    });
  } catch (error) {
    await worker.terminate();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    socketPath,
    stop: () =>
      (stopping ??= (async () => {
        worker.postMessage("stop");
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, WORKER_STOP_TIMEOUT_MS)));
        await Promise.race([exited, late]);
        clearTimeout(timer);
        await worker.terminate();
        rmSync(socketDir, { recursive: true, force: true });
      })()),
  };
}

// Pool settings for PGlite's socket. PGlite is one session: the pool keeps one connection, so statements and
// transactions take turns on it as they did in-process. Waiting for that turn is a queue, not an outage: it may
// last as long as a use case's transaction waits to start (core/context.ts).
const PGLITE_POOL_SETTINGS = {
  max: 1,
  connectionTimeoutMillis: 20_000,
  // The connection stays open: another process on the machine must not take its place.
  idleTimeoutMillis: 0,
  // No statement or query timeout: there is no network to lose, PGlite cannot cancel a statement it runs,
  // and a migration or a first sweep over a large directory may rightly take longer than any bound.
} satisfies pg.PoolConfig;

/**
 * The embedded store, reached through its worker's socket with the same driver as a PostgreSQL server.
 *
 * Its "outage" is the worker failing or being stopped (during shutdown, requests still in flight meet a closed
 * socket). outage.ts recognises those errors, so such requests get the same clear sentence as a PostgreSQL
 * outage; a PGlite that failed does not come back without a restart.
 */
export function databaseOnPGlite(worker: PGliteWorker, releaseLock = (): void => {}): Database {
  const pool = new pg.Pool({
    host: path.dirname(worker.socketPath),
    user: "postgres",
    database: "postgres",
    ...PGLITE_POOL_SETTINGS,
  });
  // See openPostgres: a broken connection must not crash the process. Nobody is told: the next statement fails.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const prisma = new PrismaClient({ adapter: releasingBrokenClients(new PrismaPg(pool)) });
  const sql = poolSession(pool);
  return {
    kind: "pglite",
    prisma,
    sql,
    ping: () => ping(sql),
    tryLock: async () => processLock(),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await worker.stop();
      releaseLock();
    },
  };
}

/** Plain SQL on a pool; a transaction holds one client of it from BEGIN to COMMIT or ROLLBACK. */
function poolSession(pool: pg.Pool): SqlSession {
  return {
    exec: async (text) => {
      await pool.query(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        return await inClientTransaction(client, fn);
      } finally {
        client.release();
      }
    },
  };
}

async function inClientTransaction<T>(client: pg.ClientBase, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await fn({
      exec: async (text) => {
        await client.query(text);
      },
      query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

// Pool and server settings for PostgreSQL. The bot's statements take
// milliseconds; these bound what an outage or a stuck server can cost, and
// stay well under the 20 s timeout of a use case's transaction
// (core/context.ts), so a broken connection fails the request instead of it.
const POOL_SETTINGS = {
  max: 10,
  // Reaching a healthy server takes milliseconds; the same bound applies to
  // waiting for a free client of the pool, so a stopped or black-holed
  // server answers requests within seconds instead of queueing them for ever.
  connectionTimeoutMillis: 3_000,
  // Idle connections are closed after a while, so those opened before an
  // outage do not linger.
  idleTimeoutMillis: 10_000,
  // Notices a peer that vanished without closing the socket (network cut).
  keepAlive: true,
  // The server cancels a runaway statement and the connection stays usable.
  statement_timeout: 10_000,
  // Our own limit comes later than the server's: it only fires when the
  // server sends nothing back at all; the client is then destroyed.
  query_timeout: 15_000,
  // A transaction left open by a bug must not hold its locks for ever.
  idle_in_transaction_session_timeout: 60_000,
} satisfies pg.PoolConfig;

/** How long /healthz waits for the database before calling it down. */
const PING_TIMEOUT_MS = 1_000;

function openPostgres(url: string, log: DatabaseLog): Database {
  const pool = new pg.Pool({ connectionString: url, ...POOL_SETTINGS });
  // A connection that breaks while idle in the pool, or while checked out,
  // emits `error` on its client; without a listener that crashes the process
  // (the server's 57P01 when it shuts down). The pool drops idle ones itself;
  // a checked-out one fails its next statement and is released with it.
  pool.on("error", (error) => log.warn({ err: error }, "idle database connection lost"));
  pool.on("connect", (client) => {
    client.on("error", (error) => log.warn({ err: error }, "database connection lost"));
  });
  const prisma = new PrismaClient({ adapter: releasingBrokenClients(new PrismaPg(pool)) });
  const sql: SqlSession = {
    ...poolSession(pool),
    // Migrations may rightly run long or wait for another replica's lock: their
    // own connection, without the pool's statement timeouts.
    transaction: async (fn) => {
      const { connectionTimeoutMillis } = POOL_SETTINGS;
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis });
      client.on("error", (error) => log.warn({ err: error }, "database connection lost"));
      await client.connect();
      try {
        return await inClientTransaction(client, fn);
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
  return {
    kind: "postgresql",
    prisma,
    sql,
    ping: () => ping(sql),
    tryLock: (name) => tryPostgresLock(url, name, log),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * @prisma/adapter-pg 6.19 gives each interactive transaction a client checked
 * out of the pool and returns it only in the transaction's commit() or
 * rollback(). Prisma's transaction manager (engine type "client") ends a
 * transaction by first sending the statement COMMIT or ROLLBACK through the
 * transaction's executeRaw(), and calls commit()/rollback() only when that
 * statement succeeded; when it fails (the connection broke), neither is
 * called, the transaction is forgotten, and its client stays checked out for
 * ever. A few outages then exhaust the pool and every request waits.
 *
 * This wrapper releases the client itself whenever COMMIT or ROLLBACK fails,
 * and releases it *with the error* (pg then destroys it instead of reusing it)
 * whenever a statement of the transaction failed for a connection-level
 * reason, such as a client-side query timeout that leaves the connection
 * mid-statement.
 */
function releasingBrokenClients(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      return new Proxy(adapter, {
        get(target, key, receiver) {
          if (key !== "startTransaction") return Reflect.get(target, key, receiver);
          return async (isolationLevel?: IsolationLevel) =>
            releasingTransaction(await target.startTransaction(isolationLevel));
        },
      });
    },
  };
}

function releasingTransaction(tx: Transaction): Transaction {
  // adapter-pg keeps the transaction's pool client in its `client` field.
  const client = (tx as unknown as { client?: pg.PoolClient }).client;
  if (typeof client?.release !== "function") {
    throw new Error(
      "@prisma/adapter-pg's transaction no longer holds its pool client as `client`: review releasingBrokenClients",
    );
  }
  let released = false;
  let broken: Error | undefined;
  const release = (error: Error) => {
    if (released) return;
    released = true;
    // Skips adapter-pg's own cleanup (removing its error listener): the client
    // is destroyed, and our listener from pool.on("connect") remains anyway.
    client.release(error);
  };
  const guarded =
    <R>(run: (query: SqlQuery) => Promise<R>) =>
    async (query: SqlQuery): Promise<R> => {
      try {
        return await run(query);
      } catch (error) {
        if (isDatabaseUnavailable(error)) broken ??= asError(error);
        // Prisma will not call commit()/rollback() after these fail.
        if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql)) release(broken ?? asError(error));
        throw error;
      }
    };
  const end = (finish: () => Promise<void>) => async () => {
    if (released) return;
    if (broken) return release(broken);
    released = true;
    await finish();
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: guarded((query) => tx.queryRaw(query)),
    executeRaw: guarded((query) => tx.executeRaw(query)),
    commit: end(() => tx.commit()),
    rollback: end(() => tx.rollback()),
  };
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** True when a trivial query succeeds within a second; never waits longer. */
async function ping(sql: SqlSession): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  const answered = sql.query("SELECT 1").then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
