import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";

/*
 * The `ws` client, typed for the little the CLI uses. Node 20 has no global WebSocket (it is
 * unflagged from Node 22), and `ws` ships without types; this is the one place that reaches it.
 */
export interface WsClient {
  on(event: "open", cb: () => void): void;
  on(event: "message", cb: (data: Buffer) => void): void;
  on(event: "close", cb: (code: number, reason: Buffer) => void): void;
  on(event: "error", cb: (err: Error & { code?: string }) => void): void;
  on(event: "unexpected-response", cb: (req: unknown, res: IncomingMessage) => void): void;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  readonly readyState: number;
}

type WsConstructor = new (url: string, opts?: { headers?: Record<string, string> }) => WsClient;

export const WebSocket = (createRequire(import.meta.url)("ws") as { WebSocket: WsConstructor })
  .WebSocket;
