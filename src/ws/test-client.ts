import { createRequire } from "node:module";
import type { LiveServerFrame } from "./live.schemas.ts";

/*
 * Test helper: a WebSocket client for `/api/v1/live` that records frames (ws tests only).
 *
 * Node 20 has no global WebSocket (it arrived unflagged in Node 22), and a browser-style client
 * could not send the session cookie anyway; the `ws` package (a dependency of @hono/node-ws) can.
 * It ships without types here, so the little we use is typed below.
 */
interface WsClient {
  on(event: "open", cb: () => void): void;
  on(event: "message", cb: (data: Buffer) => void): void;
  on(event: "close", cb: (code: number) => void): void;
  on(event: "error", cb: (err: Error) => void): void;
  on(event: "unexpected-response", cb: (req: unknown, res: { statusCode?: number }) => void): void;
  send(data: string): void;
  close(): void;
  readyState: number;
}
type WsConstructor = new (url: string, opts?: { headers?: Record<string, string> }) => WsClient;
const { WebSocket } = createRequire(import.meta.url)("ws") as { WebSocket: WsConstructor };

/** A connected client that records every frame and waits for the ones a test expects. */
export class LiveClient {
  readonly frames: LiveServerFrame[] = [];
  private waiters: {
    match: (f: LiveServerFrame) => boolean;
    resolve: (f: LiveServerFrame) => void;
  }[] = [];
  constructor(private readonly socket: WsClient) {
    socket.on("message", (data) => {
      const frame = JSON.parse(data.toString("utf8")) as LiveServerFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) =>
        w.match(frame) ? (w.resolve(frame), false) : true,
      );
    });
  }
  static connect(url: string, headers: Record<string, string> = {}): Promise<LiveClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.on("open", () => resolve(new LiveClient(socket)));
      socket.on("unexpected-response", (_req, res) =>
        reject(new Error(`handshake refused: ${res.statusCode}`)),
      );
      socket.on("error", reject);
    });
  }
  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }
  /** Resolves with the first frame (already received or coming) that matches; a guard stops a hang. */
  next(match: (f: LiveServerFrame) => boolean, what: string): Promise<LiveServerFrame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const guard = setTimeout(
        () =>
          reject(
            new Error(`no ${what} frame; got ${JSON.stringify(this.frames.map((f) => f.type))}`),
          ),
        15_000,
      );
      this.waiters.push({ match, resolve: (f) => (clearTimeout(guard), resolve(f)) });
    });
  }
  get open(): boolean {
    return this.socket.readyState === 1;
  }
  close(): void {
    this.socket.close();
  }
}

export const isType =
  <T extends LiveServerFrame["type"]>(type: T, callId?: string) =>
  (f: LiveServerFrame): f is Extract<LiveServerFrame, { type: T }> =>
    f.type === type && (callId === undefined || ("callId" in f && f.callId === callId));
