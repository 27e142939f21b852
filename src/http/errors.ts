import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, type ErrorCode } from "../lib/errors.ts";

// Routes and middleware keep importing the error from here.
export { AppError, type ErrorCode };

/** Each error code's HTTP status: the only place codes meet HTTP (the type lists every code). */
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
  SURVEY_NOT_FOUND: 404,
  SURVEY_NAME_TAKEN: 409,
  SURVEY_LINK_INVALID: 404,
  SURVEY_LINK_EXPIRED: 410,
  CONVERSATION_EXCLUDED: 409,
  FOLLOW_UP_NOT_FOUND: 404,
  FOLLOW_UP_CLOSED: 409,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

/** The HTTP status that answers an `AppError`. */
export function statusOf(err: AppError): ContentfulStatusCode {
  return STATUS_BY_CODE[err.code];
}
