// The embedded PGlite, on a worker thread of its own: WebAssembly that plans and runs statements for
// milliseconds at a time would otherwise hold the main thread, and with it every acknowledgement Slack and
// Discord wait for. It serves the PostgreSQL wire protocol on a Unix socket in a private directory, so the
// main thread reaches it as it reaches a PostgreSQL server: pg and @prisma/adapter-pg (database.ts).
// Plain JavaScript: a worker's entry is loaded by Node itself, under tsx, vitest or compiled code alike.
import { createServer } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

/** @type {{ dataDir?: string; snapshot?: Uint8Array; setup?: string; socketPath: string }} */
const { dataDir, snapshot, setup, socketPath } = workerData;
// PostgreSQL's default shared_buffers (128 MB) lives in PGlite's WebAssembly heap and is touched as it fills:
// 120 MiB of resident memory more than 16 MB, for a store whose files the operating system caches anyway.
// A command-line setting, not postgresql.conf: PGlite's `postgresqlconf` option replaces that whole file.
const options = { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"] };
const pglite = snapshot ? new PGlite({ ...options, loadDataDir: new Blob([snapshot]) }) : new PGlite(dataDir, options);
await pglite.waitReady;
if (setup) await pglite.exec(setup);

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;

/**
 * PGlite is one session. Connections take turns: one is served while the next waits for it to close (the
 * pool keeps one, and one replacing a broken connection waits for the old one to be gone), so no statement
 * of one ever lands inside another's transaction or between the parts of its extended query.
 */
let turn = Promise.resolve();

const server = createServer((socket) => {
  const previous = turn;
  /** @type {() => void} */
  let done = () => {};
  const mine = new Promise((resolve) => {
    done = () => resolve(undefined);
  });
  turn = previous.then(() => mine);
  socket.pause();
  socket.on("error", () => socket.destroy());
  const closed = new Promise((resolve) => socket.once("close", resolve));
  void previous
    .then(async () => {
      const settled = serve(socket);
      await closed;
      await settled();
      // A connection that ended inside a transaction must not leave it open for the next one.
      if (!pglite.closed && pglite.isInTransaction()) await pglite.exec("ROLLBACK");
    })
    .catch(() => {})
    .finally(done);
});

/**
 * Answers one connection's messages in order; returns what settles once the work received so far is done.
 * @param {import("node:net").Socket} socket
 * @returns {() => Promise<void>}
 */
function serve(socket) {
  let work = Promise.resolve();
  if (socket.destroyed) return () => work;
  let pending = Buffer.alloc(0);
  let started = false;
  socket.on("data", (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    // Every complete message received goes to PGlite in one call: an extended query's Parse, Bind,
    // Describe, Execute and Sync cost one crossing into WebAssembly instead of five.
    let end = 0;
    while (true) {
      if (!started) {
        if (pending.length < 8) break;
        const length = pending.readInt32BE(0);
        const code = pending.readInt32BE(4);
        if (code === SSL_REQUEST) {
          pending = pending.subarray(8);
          socket.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST) return socket.destroy();
        if (pending.length < length) break;
        started = true;
        end = length;
        continue;
      }
      if (pending.length < end + 5) break;
      const length = 1 + pending.readInt32BE(end + 1);
      if (pending.length < end + length) break;
      end += length;
    }
    if (end === 0) return;
    const batch = new Uint8Array(pending.subarray(0, end));
    pending = pending.subarray(end);
    work = work.then(async () => {
      try {
        // The data directory (NodeFS) and memory:// write through: their syncToFs does nothing, yet
        // PGlite would queue a call of it behind every batch (half the time of a short statement).
        const answer = await pglite.runExclusive(() => pglite.execProtocolRaw(batch, { syncToFs: false }));
        if (!socket.destroyed) socket.write(answer);
      } catch {
        socket.destroy();
      }
    });
  });
  socket.resume();
  return () => work;
}

await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(socketPath, () => resolve(undefined));
});
parentPort?.postMessage({ ready: true });

parentPort?.on("message", async (message) => {
  if (message !== "stop") return;
  await new Promise((resolve) => {
    server.close(() => resolve(undefined));
    // Connections still open (a pool that was not ended) are cut: the store is going away.
    for (const socket of connections) socket.destroy();
  });
  if (!pglite.closed) await pglite.close();
  parentPort?.postMessage({ stopped: true });
  // With the socket and the database closed nothing keeps the thread alive: it ends by itself.
  parentPort?.close();
});

/** @type {Set<import("node:net").Socket>} */
const connections = new Set();
server.on("connection", (socket) => {
  connections.add(socket);
  socket.once("close", () => connections.delete(socket));
});
