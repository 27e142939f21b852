/**
 * The error every domain throws, and its codes: transport-neutral (no HTTP, no Hono), so services,
 * jobs, the CLI and the WebSocket layer share it. `src/http/errors.ts` alone maps each code to an
 * HTTP status; the CLI prints the message; a failing job logs it and is retried.
 */

/** Every error code, SCREAMING_SNAKE. A new one needs its HTTP status in src/http/errors.ts too. */
export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "MALFORMED_JSON",
  "WRONG_PASSWORD",
  "IMPORT_FILE_INVALID",
  "IMPORT_MAPPING_INVALID",
  "INVALID_MIME",
  "EMAIL_REJECTED",
  "TRANSCRIPT_INVALID",
  "UNAUTHENTICATED",
  "WEBHOOK_SIGNATURE_INVALID",
  "WEBHOOK_TIMESTAMP_STALE",
  "INVALID_CREDENTIALS",
  "CSRF_FAILED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONVERSATION_NOT_FOUND",
  "TEAM_NOT_FOUND",
  "USER_NOT_FOUND",
  "CUSTOMER_NOT_FOUND",
  "API_KEY_NOT_FOUND",
  "MAILBOX_NOT_FOUND",
  "CALL_NOT_FOUND",
  "WEBHOOK_SOURCE_NOT_FOUND",
  "CONFLICT",
  "EMAIL_TAKEN",
  "TEAM_NAME_TAKEN",
  "TEAM_NOT_EMPTY",
  "WEBHOOK_SOURCE_TAKEN",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "WEBHOOK_MAPPING_FAILED",
  "RATE_LIMITED",
  "CASE_NOT_FOUND",
  "SLA_POLICY_NOT_FOUND",
  "ROOT_CAUSE_NOT_FOUND",
  "APPROVAL_NOT_FOUND",
  "CASE_VERSION_CONFLICT",
  "CASE_TRANSITION_INVALID",
  "CASE_REVIEW_REQUIRED",
  "SLA_POLICY_OVERLAP",
  "CASE_REFERENCE_INVALID",
  "INTERNAL",
  "SCORECARD_NOT_FOUND",
  "EVALUATION_NOT_FOUND",
  "DISPUTE_NOT_FOUND",
  "CALIBRATION_NOT_FOUND",
  "SCORECARD_VERSION_PUBLISHED",
  "REVIEW_ALREADY_SUBMITTED",
  "DISPUTE_NOT_ALLOWED",
  "DISPUTE_ALREADY_RESOLVED",
  "SURVEY_NOT_FOUND",
  "PULSE_NOT_FOUND",
  "PULSE_ALREADY_ANSWERED",
  "PULSE_CLOSED",
  "PULSE_NOT_FOR_YOU",
  "SURVEY_NAME_TAKEN",
  "SURVEY_LINK_INVALID",
  "SURVEY_LINK_EXPIRED",
  "CONVERSATION_EXCLUDED",
  "FOLLOW_UP_NOT_FOUND",
  "FOLLOW_UP_CLOSED",
  "KB_ARTICLE_NOT_FOUND",
  "ASSIST_RULE_NOT_FOUND",
  "REWRITE_NOT_FOUND",
  "ASSIST_RULE_NAME_TAKEN",
  "WOW_STORY_NOT_FOUND",
  "WOW_STORY_NOT_CANDIDATE",
  "KUDOS_NOT_ALLOWED",
  "IDEA_NOT_FOUND",
  "IDEA_ALREADY_VOTED",
  "IDEA_DECLINE_REASON_REQUIRED",
  "BEST_PRACTICE_NOT_FOUND",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

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
}
