import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";

/** Node's parser errors that reach no route, and the answer each gets. */
function statusOf(err: NodeJS.ErrnoException): { status: number; code: string; message: string } {
  switch (err.code ?? "") {
    case "HPE_HEADER_OVERFLOW":
      return {
        status: 431,
        code: "HEADERS_TOO_LARGE",
        message: "Request headers are larger than the server accepts",
      };
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        status: 408,
        code: "REQUEST_TIMEOUT",
        message: "The request took too long to arrive",
      };
    default:
      return { status: 400, code: "MALFORMED_REQUEST", message: "The request is not valid HTTP" };
  }
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

/**
 * Answers requests Node refuses before Hono sees them (headers over the 16 KB limit, malformed
 * HTTP) with the same error envelope as every other error, instead of Node's bodiless default.
 */
export function answerClientErrors(server: EventEmitter): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, code, message } = statusOf(err);
    const body = JSON.stringify({ error: { code, message }, requestId: randomUUID() });
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
        "Content-Type: application/json\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  });
}
