// A PostgreSQL server of a test's own, which the test may stop and start (the
// machine's shared server must never be stopped). initdb refuses to run as
// root, so the server runs as the `postgres` OS user when we are root, in a
// temporary directory that also holds its socket.
import { execFile, execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const BIN = "/usr/lib/postgresql/15/bin";

export interface PostgresServer {
  /** postgresql://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  start(): Promise<void>;
  /** `immediate` drops every connection at once, as a crash or a network cut would. */
  stop(mode?: "immediate" | "fast"): Promise<void>;
  /** Stops the server if it runs and removes its directory. */
  destroy(): Promise<void>;
}

export async function createPostgresServer(): Promise<PostgresServer> {
  const folder = mkdtempSync(path.join(tmpdir(), "mentorship-pg-"));
  const dataDir = path.join(folder, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    chownSync(folder, Number(stdout.trim()), Number(group.trim()));
  }
  const pgCommand = (bin: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(BIN, bin), ...args]) : run(path.join(BIN, bin), args);
  let running = false;
  // Last resort when the test process ends without its cleanup (a hook timed
  // out, the run was interrupted): never leave a server or its files behind.
  const onExit = () => {
    if (running) {
      const stop = [path.join(BIN, "pg_ctl"), "stop", "-D", dataDir, "-m", "immediate"];
      try {
        if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", ...stop], { stdio: "ignore" });
        else execFileSync(stop[0]!, stop.slice(1), { stdio: "ignore" });
      } catch {
        // Already gone.
      }
    }
    rmSync(folder, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const port = await freePort();
  await pgCommand("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c fsync=off -c max_connections=50`;
  const server: PostgresServer = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: async () => {
      running = true;
      const logFile = path.join(folder, "log");
      await pgCommand("pg_ctl", ["start", "-w", "-t", "30", "-D", dataDir, "-o", options, "-l", logFile]);
    },
    stop: async (mode = "immediate") => {
      await pgCommand("pg_ctl", ["stop", "-w", "-t", "30", "-D", dataDir, "-m", mode]);
      running = false;
    },
    destroy: async () => {
      try {
        // A server that failed to start may not run: nothing to stop then.
        if (running) await server.stop("immediate").catch(() => {});
      } finally {
        rmSync(folder, { recursive: true, force: true });
        process.off("exit", onExit);
      }
    },
  };
  return server;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
