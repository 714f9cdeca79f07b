// The embedded PGlite, on a worker thread of its own: WebAssembly that plans and runs statements for
// milliseconds at a time would otherwise hold the main thread, and with it every acknowledgement Slack and
// Discord wait for. It serves the PostgreSQL wire protocol on a Unix socket in a private directory
// (pglite-socket), so the main thread reaches it as it reaches a PostgreSQL server: pg and
// @prisma/adapter-pg (database.ts). Plain JavaScript: a worker's entry is loaded by Node itself, under
// tsx, vitest or compiled code alike.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** @type {{ dataDir?: string; snapshot?: Uint8Array; setup?: string; socketPath: string }} */
const { dataDir, snapshot, setup, socketPath } = workerData;
const pglite = snapshot ? new PGlite({ loadDataDir: new Blob([snapshot]) }) : new PGlite(dataDir);
await pglite.waitReady;
if (setup) await pglite.exec(setup);
// One session serves everyone (PGlite is single-user): the main thread's pool keeps one connection, and a
// few more are accepted only so that a connection replacing a broken one is not refused while the server
// still counts the old one.
const server = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 4 });
await server.start();
parentPort?.postMessage({ ready: true });

parentPort?.on("message", async (message) => {
  if (message !== "stop") return;
  await server.stop();
  if (!pglite.closed) await pglite.close();
  parentPort?.postMessage({ stopped: true });
  // With the socket and the database closed nothing keeps the thread alive: it ends by itself.
  parentPort?.close();
});
