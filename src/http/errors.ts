import type { ContentfulStatusCode } from "hono/utils/http-status";

const STATUS_BY_CODE = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  WRONG_PASSWORD: 400,
  IMPORT_FILE_INVALID: 400,
  IMPORT_MAPPING_INVALID: 400,
  INVALID_MIME: 400,
  EMAIL_REJECTED: 400,
  TRANSCRIPT_INVALID: 400,
  UNAUTHENTICATED: 401,
  WEBHOOK_SIGNATURE_INVALID: 401,
  WEBHOOK_TIMESTAMP_STALE: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONVERSATION_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  MAILBOX_NOT_FOUND: 404,
  CALL_NOT_FOUND: 404,
  WEBHOOK_SOURCE_NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  TEAM_NAME_TAKEN: 409,
  TEAM_NOT_EMPTY: 409,
  WEBHOOK_SOURCE_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WEBHOOK_MAPPING_FAILED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

/** The one error type services throw; `app.onError` turns it into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(
    code: ErrorCode,
    opts: { message?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(opts.message ?? code.toLowerCase().replaceAll("_", " "), { cause: opts.cause });
    this.code = code;
    this.details = opts.details;
  }

  get status(): ContentfulStatusCode {
    return STATUS_BY_CODE[this.code];
  }
}
