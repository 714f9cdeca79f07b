// Tells a database that cannot be reached (stopped, restarting, cut off, or
// an embedded PGlite that was closed) from every other error, so that chat
// can answer one clear sentence instead of the apology for a bug of ours.
//
// The same failure reaches us in several shapes, seen by stopping a server
// under load through Prisma 6.19 and @prisma/adapter-pg:
// - PrismaClientKnownRequestError with code P1001 (server not reachable) or
//   P1017 (server closed the connection), meta.driverAdapterError.cause.kind
//   DatabaseNotReachable / ConnectionClosed / SocketTimeout;
// - DriverAdapterError (from $transaction's start, commit and rollback), its
//   cause { kind: "postgres", originalCode: "57P01" | "57P03" | … };
// - pg's own Error, unconverted by the adapter: "Connection terminated
//   unexpectedly", "Client has encountered a connection error and is not
//   queryable", pool and query timeouts;
// - PGlite: "PGlite is closed" / "PGlite is closing".

/** What every command is answered while the database is unreachable. */
export const DATABASE_UNAVAILABLE =
  "The bot's database is not reachable right now; nothing was changed. Try again in a minute.";

// SQLSTATE: class 08 (connection exception); 57P01 admin shutdown, 57P02
// crash shutdown, 57P03 cannot connect now (starting up or shutting down).
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;
const UNAVAILABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
// Prisma: P1001 can't reach server, P1002 reached but timed out, P1008
// operation timed out, P1017 server closed the connection, P2024 timed out
// fetching a connection from the pool.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// @prisma/driver-adapter-utils' kinds for the socket errors above.
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i, // pg: unexpectedly, or due to connection timeout
  /not queryable/i, // pg: a client whose connection broke, or that was closed
  /timeout exceeded when trying to connect/i, // pg-pool: connectionTimeoutMillis while waiting for a client
  /Query read timeout/i, // pg: query_timeout, the server sent nothing back
  /PGlite is clos(ed|ing)/, // the embedded store was closed (shutdown) or failed
];

export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some(isUnavailable);
}

function isUnavailable(error: Record<string, unknown>): boolean {
  for (const key of ["code", "originalCode"]) {
    const code = error[key];
    if (typeof code !== "string") continue;
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    if (UNAVAILABLE_PRISMA_CODES.has(code)) return true;
  }
  // A Unix socket that is gone (the embedded store's worker stopped, database.ts) is a server not listening.
  // Prisma passes on only the code, but any error of a Prisma query is about the database, not some file.
  if (error.code === "ENOENT" && (error.syscall === "connect" || error.name === "PrismaClientKnownRequestError")) {
    return true;
  }
  if (typeof error.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(error.kind)) return true;
  const message = error.message;
  return typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** The error and what it wraps: `cause` chains and Prisma's meta.driverAdapterError. */
function causes(error: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let queue: unknown[] = [error];
  // A few levels suffice; the bound also guards against cycles.
  for (let depth = 0; depth < 6 && queue.length > 0; depth++) {
    const next: unknown[] = [];
    for (const item of queue) {
      if (typeof item !== "object" || item === null) continue;
      const record = item as Record<string, unknown>;
      found.push(record);
      next.push(record.cause);
      const meta = record.meta as Record<string, unknown> | undefined;
      if (typeof meta === "object" && meta !== null) next.push(meta.driverAdapterError);
      // AggregateError: a connect that tried several addresses (IPv4 and IPv6).
      if (Array.isArray(record.errors)) next.push(...(record.errors as unknown[]));
    }
    queue = next;
  }
  return found;
}
