import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./context.ts";
import { AppError, statusOf } from "./errors.ts";
import { describeError } from "../lib/log-error.ts";

/** One error shape for every failure: `{ error: { code, message, details? }, requestId }`. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const requestId = c.var.requestId;
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
  } else {
    status = 500;
    code = "INTERNAL";
    message = "Something went wrong on our side; the request id identifies it in the logs";
  }
  const log = c.var.deps?.logger;
  if (status >= 500) {
    // Method and path (ids only), never the query string or body: they carry personal data.
    log?.error(
      { requestId, method: c.req.method, path: c.req.path, error: describeError(err) },
      "request failed",
    );
  }
  if (err instanceof AppError && err.code === "RATE_LIMITED") {
    const wait = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof wait === "number") c.header("Retry-After", String(wait));
  }
  return c.json(
    { error: { code, message, ...(details === undefined ? {} : { details }) }, requestId },
    status,
  );
};
