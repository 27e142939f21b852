export interface ImapConfig {
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  folder: string;
}

export interface ImapPosition {
  /** UIDVALIDITY of the folder when `lastUid` was recorded; null before the first poll. */
  uidValidity: string | null;
  lastUid: number;
}

export interface FetchedMessage {
  uid: number;
  source: Buffer;
  internalDate: Date | undefined;
}

/** Messages per batch: one ingest transaction and one position update each. */
export const IMAP_BATCH_SIZE = 50;
/** Messages per poll, so one job stays well inside its lock lease; the next poll goes on from there. */
export const IMAP_MAX_PER_POLL = 2000;

/**
 * Fetches the messages after `since` in UID order and hands them over in batches. `onBatch` must
 * commit them before it resolves: the caller records the returned position only after that, so a
 * crash re-fetches (harmless, ingest is idempotent) rather than skipping. When the folder's
 * UIDVALIDITY changed, UIDs were reassigned and polling starts over from the first message.
 */
export async function fetchNewMessages(
  config: ImapConfig,
  since: ImapPosition,
  onBatch: (
    messages: FetchedMessage[],
    position: { uidValidity: string; lastUid: number },
  ) => Promise<void>,
  opts: { batchSize?: number; maxMessages?: number } = {},
): Promise<{ uidValidity: string; lastUid: number; fetched: number }> {
  // Loaded on first poll, not at start-up: imapflow costs ~0.5 s of a server start (docs/performance.md).
  const { ImapFlow } = await import("imapflow");
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: { user: config.username, pass: config.password },
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  // An unhandled 'error' event would take the whole worker process down; the failed command
  // rejects with the same problem, which is what the caller records.
  client.on("error", () => undefined);
  const batchSize = opts.batchSize ?? IMAP_BATCH_SIZE;
  try {
    await client.connect();
    const lock = await client.getMailboxLock(config.folder);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new Error(`could not open folder ${config.folder}`);
      const uidValidity = String(mailbox.uidValidity);
      let lastUid = since.uidValidity === uidValidity ? since.lastUid : 0;
      let fetched = 0;
      if (mailbox.exists === 0) return { uidValidity, lastUid, fetched };
      // "n:*" always includes the newest message, even when its UID is below n: filter again.
      const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
      const uids = (found || [])
        .filter((uid) => uid > lastUid)
        .sort((a, b) => a - b)
        .slice(0, opts.maxMessages ?? IMAP_MAX_PER_POLL);
      for (let i = 0; i < uids.length; i += batchSize) {
        const chunk = uids.slice(i, i + batchSize);
        const rows = await client.fetchAll(
          chunk.join(","),
          { uid: true, source: true, internalDate: true },
          { uid: true },
        );
        const messages = rows
          .filter((m) => m.source !== undefined)
          .map((m) => ({
            uid: m.uid,
            source: m.source!,
            internalDate:
              m.internalDate instanceof Date
                ? m.internalDate
                : m.internalDate
                  ? new Date(m.internalDate)
                  : undefined,
          }))
          .sort((a, b) => a.uid - b.uid);
        const batchLast = chunk[chunk.length - 1]!;
        await onBatch(messages, { uidValidity, lastUid: batchLast });
        lastUid = batchLast;
        fetched += messages.length;
      }
      return { uidValidity, lastUid, fetched };
    } finally {
      lock.release();
    }
  } finally {
    if (client.usable) await client.logout().catch(() => undefined);
    else client.close();
  }
}

/** A short, secret-free description of an IMAP failure for `mailboxes.last_error`. */
export function describeImapError(err: unknown): string {
  if (typeof err !== "object" || err === null) return String(err).slice(0, 300);
  const e = err as {
    authenticationFailed?: boolean;
    code?: string;
    message?: string;
    responseText?: string;
  };
  if (e.authenticationFailed) return "IMAP login failed: check the username and password";
  if (e.code === "ECONNREFUSED") return "IMAP server refused the connection";
  if (e.code === "ENOTFOUND") return "IMAP host not found";
  if (e.code === "ETIMEDOUT" || e.code === "CONNECT_TIMEOUT" || e.code === "GREETING_TIMEOUT")
    return "IMAP server timed out";
  const text = e.responseText
    ? `${e.message ?? "IMAP error"}: ${e.responseText}`
    : (e.message ?? "IMAP error");
  return text.slice(0, 300);
}
