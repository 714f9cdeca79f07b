// The bot's HTTP endpoint on PORT: Slack's events in HTTP mode and a health
// check for load balancers and orchestrators.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "./store/database.js";

export interface HttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(port: number, db: Database, slack?: RequestListener): Promise<HttpServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") {
      void db.ping().then((up) => {
        res.writeHead(up ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: up ? "ok" : "unavailable", database: { kind: db.kind, up } }));
      });
      return;
    }
    if (slack && url.pathname === "/slack/events") return slack(req, res);
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found\n");
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
