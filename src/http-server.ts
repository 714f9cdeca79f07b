// The bot's HTTP endpoint on PORT: Slack's events in HTTP mode, Discord's interactions (with its public key
// set) and a health check for load balancers and orchestrators. Anyone can reach it, so whatever arrives
// (any method, path, header or body, or a broken connection) gets a 2xx or 4xx and the process goes on serving.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { newErrorId, type Logger } from "./log.js";
import type { Database } from "./store/database.js";

export interface HttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Slack signs a request at most five minutes old; a client this slow is not Slack. */
const REQUEST_TIMEOUT_MS = 15_000;
/** No request the bot serves has a larger body (Slack's largest are tens of kilobytes). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Behind a load balancer a few hundred connections are plenty; this bounds what idle sockets can hold. */
const MAX_CONNECTIONS = 2_000;

export async function startHttpServer(
  port: number,
  db: Database,
  log: Logger,
  /** Listeners by path (an adapter's, such as Slack's /slack/events). */
  routes: Readonly<Record<string, RequestListener>> = {},
): Promise<HttpServer> {
  const route = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") return plain(res, 405, "Use GET.\n", { allow: "GET, HEAD" });
      void db.ping().then((up) => {
        res.writeHead(up ? 200 : 503, { "content-type": "application/json" });
        res.end(req.method === "HEAD" ? undefined : JSON.stringify(health(db, up)));
      });
      return;
    }
    // Only the routes' own paths: "/constructor" is not a route.
    const listener = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (listener) return listener(req, res);
    plain(res, 404, "Not found\n");
  };
  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    req.on("error", () => res.destroy());
    // A body announced larger than any the bot takes is refused before it is sent.
    if (Number(req.headers["content-length"]) > BODY_LIMIT_BYTES) return refuseTooLarge(req, res);
    try {
      route(req, res);
    } catch (error) {
      const errorId = newErrorId();
      log.error({ err: error, errorId, method: req.method, url: req.url }, "http request failed");
      if (!res.headersSent) plain(res, 400, `Request refused (error id ${errorId}).\n`);
      else res.end();
    }
  };
  // Slow clients are checked every second, not Node's default 30 s, so REQUEST_TIMEOUT_MS holds.
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 }, serve);
  server.maxConnections = MAX_CONNECTIONS;
  // "Expect: 100-continue": the size check above answers before the client sends its body.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers["content-length"]) <= BODY_LIMIT_BYTES) res.writeContinue();
    serve(req, res);
  });
  // CONNECT and protocol upgrades are not served here; Node would otherwise close the socket unanswered.
  const refuseSocket = (_req: IncomingMessage, socket: Duplex) => {
    socket.end("HTTP/1.1 405 Method Not Allowed\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
  };
  server.on("connect", refuseSocket);
  server.on("upgrade", refuseSocket);
  // Garbage that is not HTTP at all: answered 400 where the socket still can be, never thrown.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

const health = (db: Database, up: boolean) => ({
  status: up ? "ok" : "unavailable",
  database: { kind: db.kind, up },
});

/** How much of a refused body is read and dropped, and for how long, before the connection is cut. */
const DRAIN = { bytes: 8 * 1024 * 1024, ms: 5_000 } as const;

/**
 * 413, without keeping the body. A client that asked "Expect: 100-continue" is answered at once and sends
 * nothing; any other is answered once its body has been read and dropped (or after ANSWER_WITHIN_MS, for a
 * slow one): answered while it is still sending, the connection may close under it and it gets a broken pipe
 * instead of the answer. A sender of more than DRAIN, or slower, has its connection cut.
 */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  let dropped = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, DRAIN.ms).unref();
  const answer = () => {
    if (!res.headersSent) plain(res, 413, "Request body too large.\n");
  };
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN.bytes) cut();
  });
  req.on("close", () => clearTimeout(timer));
  req.resume();
  if (/100-continue/i.test(req.headers.expect ?? "")) return answer();
  req.on("end", answer);
  setTimeout(answer, ANSWER_WITHIN_MS).unref();
}

const ANSWER_WITHIN_MS = 1_000;

function plain(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain", ...headers });
  res.end(body);
}

/** Reads at most `limit` bytes; past that it answers at once and lets the rest drain unread. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        resolve("too large");
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve("aborted"));
    req.on("aborted", () => resolve("aborted"));
  });
}
