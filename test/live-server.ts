import type { AddressInfo } from "node:net";
import type { Database } from "../src/db/client.ts";
import { serveApp } from "../src/http/listener.ts";
import { liveServerOf } from "../src/ws/index.ts";
import { buildTestApp, type TestApp } from "./http.ts";

/** The real app listening on a free local port, WebSockets included (live-call and CLI tests). */
export interface RunningApp {
  app: TestApp;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export async function startRunningApp(database: Database): Promise<RunningApp> {
  const app = buildTestApp(database);
  const server = await serveApp(app, { port: 0, hostname: "127.0.0.1" });
  liveServerOf(app)!.inject(server);
  return {
    app,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await liveServerOf(app)?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
