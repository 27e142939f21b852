import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { AppDeps } from "./context.ts";
import { errorReply } from "./on-error.ts";
import { logRequest, requestIdFrom } from "./request-log.ts";
import { secureHeaderList } from "./secure-headers.ts";

/**
 * A route answered straight from Node's request, before Hono: it returns false (synchronously,
 * having touched nothing) to leave the request to the app. For the hottest public endpoint only
 * (survey answers): building a web `Request`, its body stream and abort signal, and running the
 * global middleware chain was about a third of that endpoint's server CPU (docs/performance.md).
 */
export type BareRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** What a bare handler answers with: a JSON body (Hono's `c.json`), or throws for the envelope. */
export interface BareReply {
  status: number;
  body: unknown;
}

const bareRoutes = new WeakMap<object, BareRoute[]>();

/** Registers `route` ahead of `app`'s own routing in `requestListenerOf(app)`. */
export function addBareRoute(app: object, route: BareRoute): void {
  bareRoutes.set(app, [...(bareRoutes.get(app) ?? []), route]);
}

/** Node's request listener for `app`: its bare routes first, then Hono. */
export function requestListenerOf(app: {
  fetch: Parameters<typeof getRequestListener>[0];
}): RequestListener {
  const hono = getRequestListener(app.fetch);
  const routes = bareRoutes.get(app) ?? [];
  return (req, res) => {
    for (const route of routes) if (route(req, res)) return;
    void hono(req, res);
  };
}

/** Serves `app` (bare routes included) on `port`; resolves once listening. */
export function serveApp(
  app: Parameters<typeof requestListenerOf>[0],
  options: { port: number; hostname?: string | undefined },
): Promise<Server> {
  const server = createServer(requestListenerOf(app));
  return new Promise((resolve) =>
    server.listen(options.port, options.hostname, () => resolve(server)),
  );
}

/**
 * A bare JSON route with what the app's global middleware gives every response: the request id
 * (the caller's when plain, echoed in `x-request-id`), the security headers, the error envelope
 * of `onError` (Retry-After included) and the request log line. `handle` answers or throws.
 */
export function bareJsonRoute(
  deps: Pick<AppDeps, "logger">,
  matches: (req: IncomingMessage) => boolean,
  handle: (req: IncomingMessage, path: string) => Promise<BareReply>,
): BareRoute {
  let secure: [string, string][] | undefined;
  const secureReady = secureHeaderList().then((list) => (secure = list));
  return (req, res) => {
    if (!matches(req)) return false;
    const startedAt = performance.now();
    const requestId = requestIdFrom(req.headers["x-request-id"] as string | undefined);
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0]!;
    const answer = async () => {
      let status: number;
      let body: unknown;
      const headers: Record<string, string> = { "x-request-id": requestId };
      try {
        ({ status, body } = await handle(req, path));
      } catch (err) {
        const reply = errorReply(err, { requestId, method, path }, deps.logger);
        ({ status, body } = reply);
        if (reply.retryAfter !== undefined) headers["Retry-After"] = reply.retryAfter;
      }
      const text = JSON.stringify(body);
      headers["content-type"] = "application/json";
      for (const [name, value] of secure ?? (await secureReady)) headers[name] = value;
      headers["Content-Length"] = String(Buffer.byteLength(text));
      res.writeHead(status, headers);
      res.end(text);
      logRequest(deps.logger, { requestId, method, path, status, startedAt });
    };
    answer().catch((err: unknown) => {
      deps.logger.error({ requestId, method, path, err: String(err) }, "bare route failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    return true;
  };
}

/**
 * The request body, at most `maxBytes` (Node enforces a declared Content-Length); `null` when it
 * is longer (reading stops there).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        req.off("end", onEnd);
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}
