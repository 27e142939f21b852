import type { Transporter } from "nodemailer";

export interface SmtpConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; `?from=` sets the sender. */
  url: string;
  /** Default From address. */
  from: string;
}

export interface OutgoingEmail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string | undefined;
  /** Message-ID this one answers; with `references`, mail clients thread the reply. */
  inReplyTo?: string | undefined;
  references?: string | string[] | undefined;
  from?: string | undefined;
}

/**
 * Reads RAPPORT_SMTP_URL; null when unset (outbound email is optional). The sender is the URL's
 * `from` parameter, else its user name when that is an address.
 */
export function smtpConfigFromUrl(url: string | undefined): SmtpConfig | null {
  if (!url) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new Error("RAPPORT_SMTP_URL must start with smtp:// or smtps://");
  }
  const user = decodeURIComponent(parsed.username);
  const from =
    parsed.searchParams.get("from") ?? (user.includes("@") ? user : `rapport@${parsed.hostname}`);
  parsed.searchParams.delete("from");
  return { url: parsed.toString(), from };
}

const transports = new Map<string, Transporter>();

async function transportFor(url: string): Promise<Transporter> {
  let transport = transports.get(url);
  if (!transport) {
    // Loaded on first send, not at start-up: nodemailer costs ~0.3 s of a server start (docs/performance.md).
    const { default: nodemailer } = await import("nodemailer");
    transport = transports.get(url) ?? nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/** Closes cached connections (for tests and shutdown). */
export function closeSmtpTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

/**
 * Sends one email and answers its Message-ID, so a caller can store it and recognise replies.
 * Used for surveys and follow-ups; In-Reply-To and References make the reply thread in the
 * customer's mail client and, when answered, thread back into the same conversation on ingest.
 */
export async function sendEmail(
  config: SmtpConfig,
  email: OutgoingEmail,
): Promise<{ messageId: string }> {
  const transport = await transportFor(config.url);
  const info = (await transport.sendMail({
    from: email.from ?? config.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    ...(email.html === undefined ? {} : { html: email.html }),
    ...(email.inReplyTo === undefined ? {} : { inReplyTo: email.inReplyTo }),
    ...(email.references === undefined ? {} : { references: email.references }),
  })) as { messageId: string };
  return { messageId: info.messageId };
}
