import type { ServerType } from "@hono/node-server";
import { createNodeWebSocket } from "@hono/node-ws";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { authorizeLive, canStreamCalls } from "./live.auth.ts";
import {
  DEFAULT_LIVE_OPTIONS,
  LiveCalls,
  type Connection,
  type LiveOptions,
} from "./live-calls.ts";
import { LIVE_MAX_FRAME_BYTES } from "./live.schemas.ts";

export { DEFAULT_LIVE_OPTIONS, type LiveOptions } from "./live-calls.ts";

export const LIVE_PATH = "/api/v1/live";

export interface LiveServer {
  /** Starts accepting WebSocket upgrades on the HTTP server (call right after `serve`). */
  inject(server: ServerType): void;
  /** Stores every call in progress (left open, so a reconnecting platform can continue) and closes the sockets. */
  close(): Promise<void>;
}

const liveServers = new WeakMap<object, LiveServer>();

/** The live-call server mounted on `app` by {@link mountLiveCalls}. */
export function liveServerOf(app: object): LiveServer | undefined {
  return liveServers.get(app);
}

/**
 * Mounts `GET /api/v1/live` (WebSocket) on the app. The app stays usable without a server
 * (`app.request()` in tests); `liveServerOf(app).inject(server)` starts accepting upgrades.
 * The calls and their state live in a {@link LiveCalls}; this wires its sockets to it.
 */
export function mountLiveCalls(
  app: OpenAPIHono<AppEnv>,
  deps: AppDeps,
  options: Partial<LiveOptions> = {},
): void {
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // ws accepts 100 MiB frames by default; nothing legitimate here comes close to this.
  (wss.options as { maxPayload?: number }).maxPayload = LIVE_MAX_FRAME_BYTES;
  const live = new LiveCalls(deps, { ...DEFAULT_LIVE_OPTIONS, ...options });

  app.get(
    LIVE_PATH,
    authorizeLive,
    upgradeWebSocket((c) => {
      const principal = c.var.principal!;
      const canStream = canStreamCalls(principal);
      let conn: Connection | undefined;
      // Frames of one socket are handled one after another, so analyses go out in the order sent.
      let queue: Promise<void> = Promise.resolve();
      return {
        onOpen(_event, ws) {
          live.socketOpened(ws);
          conn = {
            orgId: principal.orgId,
            principal,
            canStream,
            subscriptions: new Map(),
            send: (frame) => {
              if (ws.readyState === 1) ws.send(JSON.stringify(frame));
            },
          };
        },
        onMessage(event) {
          const current = conn;
          if (!current) return;
          const data = event.data;
          queue = queue.then(() => live.receive(current, data));
        },
        onClose(_event, ws) {
          live.socketClosed(ws, conn);
        },
      };
    }),
  );

  liveServers.set(app, {
    inject: (server) => injectWebSocket(server),
    close: () => live.close(),
  });
}
