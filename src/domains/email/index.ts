/** The email channel: raw MIME ingest, IMAP mailbox polling, outbound SMTP. */
export { emailRoutes } from "./email.routes.ts";
export { pollAllMailboxesJob, pollMailboxJob, POLL_ALL_EVERY_MS } from "./email.jobs.ts";
export {
  escalationSources,
  ingestMime,
  pollMailbox,
  POLL_ALL_JOB,
  POLL_MAILBOX_JOB,
  type PollOutcome,
} from "./email.service.ts";
export { appUrl, composeEmail, escapeHtml, type EmailParts } from "./compose.ts";
export { parseEmail, type ParsedEmail } from "./parse-email.ts";
export { stripQuotedText } from "./strip-quoted.ts";
export { sendEmail, smtpConfigFromUrl, type OutgoingEmail, type SmtpConfig } from "./smtp.ts";
