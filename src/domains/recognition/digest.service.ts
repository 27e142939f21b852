import type { Db } from "../../db/client.ts";
import { escapeHtml, sendEmail, smtpConfigFromUrl, type SmtpConfig } from "../email/index.ts";
import * as repo from "./wow.repo.ts";

/** Stories per digest; older ones wait for the next. */
const DIGEST_MAX_STORIES = 20;

let smtpOverride: SmtpConfig | null | undefined;

/**
 * Outbound mail as surveys send it: RAPPORT_SMTP_URL read when needed, or what a test set with
 * {@link setDigestSmtp} (undefined goes back to the environment).
 */
function digestSmtp(): SmtpConfig | null {
  if (smtpOverride !== undefined) return smtpOverride;
  return smtpConfigFromUrl(process.env.RAPPORT_SMTP_URL || undefined);
}

export function setDigestSmtp(config: SmtpConfig | null | undefined): void {
  smtpOverride = config;
}

/** The digest e-mail of the published stories not sent yet (a preview when nothing is sent). */
export async function buildDigest(db: Db, orgId: string) {
  const stories = await repo.undigestedStories(db, orgId, DIGEST_MAX_STORIES);
  const subject = stories.length === 1 ? "1 new wow story" : `${stories.length} new wow stories`;
  const text = stories
    .map((s) => `${s.title ?? "Wow story"}\n\n${s.story ?? ""}`)
    .join("\n\n---\n\n");
  const html = stories
    .map((s) => `<h2>${escapeHtml(s.title ?? "Wow story")}</h2><p>${escapeHtml(s.story ?? "")}</p>`)
    .join("<hr>");
  return {
    subject,
    text,
    html,
    stories: stories.map((s) => ({ id: s.id, title: s.title ?? "", story: s.story ?? "" })),
  };
}

/**
 * Sends the digest to every member (one e-mail each, so addresses stay private) and marks its
 * stories sent. Nothing to send, or no SMTP configured: sends nothing and marks nothing.
 */
export async function sendDigest(db: Db, orgId: string, now = new Date()) {
  const digest = await buildDigest(db, orgId);
  const smtp = digestSmtp();
  if (digest.stories.length === 0) return { sent: 0, stories: 0, reason: "no new stories" };
  if (!smtp) return { sent: 0, stories: digest.stories.length, reason: "SMTP is not configured" };
  const recipients = await repo.memberEmails(db, orgId);
  for (const to of recipients) {
    await sendEmail(smtp, { to, subject: digest.subject, text: digest.text, html: digest.html });
  }
  await repo.markDigested(
    db,
    orgId,
    digest.stories.map((s) => s.id),
    now,
  );
  return { sent: recipients.length, stories: digest.stories.length, reason: null };
}
