import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./context.ts";
import { AppError, statusOf } from "./errors.ts";
import {
  isForeignKeyViolation,
  isTransactionConflict,
  isUniqueViolation,
  sqlStateOf,
} from "../db/retry.ts";
import { describeError } from "../lib/log-error.ts";
import type { Logger } from "../logger.ts";

/** What a failed request answers: status, the error envelope, and Retry-After when rate-limited. */
export interface ErrorReply {
  status: ContentfulStatusCode;
  body: { error: { code: string; message: string; details?: unknown }; requestId: string };
  retryAfter?: string;
}

/**
 * The one error shape for every failure: `{ error: { code, message, details? }, requestId }`;
 * a 5xx is logged with the request's method and path (ids only), never its query or body (they
 * carry personal data). Shared by `onError` and the bare routes of `src/http/listener.ts`.
 */
export function errorReply(
  err: unknown,
  request: { requestId: string; method: string; path: string },
  log: Logger | undefined,
): ErrorReply {
  let status: ContentfulStatusCode;
  let code: string;
  let message: string;
  let details: unknown;
  if (err instanceof AppError) {
    ({ status, code, message, details } = {
      status: statusOf(err),
      code: err.code,
      message: err.message,
      details: err.details,
    });
  } else if (err instanceof HTTPException) {
    status = err.status as ContentfulStatusCode;
    code = status === 413 ? "PAYLOAD_TOO_LARGE" : status === 400 ? "MALFORMED_JSON" : "HTTP_ERROR";
    message = status === 400 ? `body: ${err.message || "malformed request"}` : err.message;
  } else if (isUniqueViolation(err) || isTransactionConflict(err)) {
    // A check-then-write raced a concurrent request (two "create team X" at once), or PostgreSQL
    // aborted the transaction to end a deadlock: the client's request was fine, its timing was not.
    status = 409;
    code = "CONFLICT";
    message =
      "This request collided with another change made at the same moment and was not completed; send it again";
    log?.warn(
      { ...request, sqlState: sqlStateOf(err) },
      "request collided with a concurrent change",
    );
  } else if (isForeignKeyViolation(err)) {
    // Services check that what a write names exists; only a delete between that check and the
    // write (or a delete of a row a concurrent write just started using) gets here.
    status = 409;
    code = "CONFLICT";
    message =
      "This request names a record that was removed at the same moment, or removes one still in use; reload and send it again";
    log?.warn({ ...request, sqlState: "23503" }, "request collided with a concurrent delete");
  } else {
    status = 500;
    code = "INTERNAL";
    message = "Something went wrong on our side; the request id identifies it in the logs";
  }
  if (status >= 500) log?.error({ ...request, error: describeError(err) }, "request failed");
  const reply: ErrorReply = {
    status,
    body: {
      error: { code, message, ...(details === undefined ? {} : { details }) },
      requestId: request.requestId,
    },
  };
  if (err instanceof AppError && err.code === "RATE_LIMITED") {
    const wait = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof wait === "number") reply.retryAfter = String(wait);
  }
  return reply;
}

/** One error shape for every failure: `{ error: { code, message, details? }, requestId }`. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const { status, body, retryAfter } = errorReply(
    err,
    { requestId: c.var.requestId, method: c.req.method, path: c.req.path },
    c.var.deps?.logger,
  );
  if (retryAfter !== undefined) c.header("Retry-After", retryAfter);
  return c.json(body, status);
};
