import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Database } from "../src/db/client.ts";
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
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
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
