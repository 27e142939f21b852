import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { Queue } from "../../jobs/queue.ts";
import { processSecretBox, type SecretBox } from "../../lib/secret-box.ts";
import type { Logger } from "../../logger.ts";
import {
  findConversationByMessageExternalId,
  ingestConversations,
  type IngestResult,
} from "../conversations/index.ts";
import * as repo from "./email.repo.ts";
import {
  describeImapError,
  fetchNewMessages,
  type FetchedMessage,
  type ImapConfig,
} from "./imap-fetch.ts";
import {
  EmailTooLargeError,
  InvalidEmailError,
  normalizeAddress,
  parseEmail,
  threadKeyOf,
  toIngestConversation,
  type ParsedEmail,
  type ThreadKey,
} from "./parse-email.ts";

export const POLL_MAILBOX_JOB = "email.poll-mailbox";
export const POLL_ALL_JOB = "email.poll-all";

export interface EmailDeps {
  db: Db;
  queue: Queue;
}

/**
 * Places parsed emails in threads and ingests them: one ingest item per thread, so several
 * messages of one thread in a batch are one conversation. Replies within the batch find their
 * parent here before it is stored.
 */
export async function ingestEmails(
  deps: EmailDeps,
  orgId: string,
  emails: ParsedEmail[],
  opts: { source: string; supportAddresses: ReadonlySet<string> },
): Promise<IngestResult[]> {
  const inBatch = new Map<string, ThreadKey>();
  const threads = new Map<string, { key: ThreadKey; emails: ParsedEmail[] }>();
  const lookup = async (messageId: string) =>
    inBatch.get(messageId) ??
    (await findConversationByMessageExternalId(deps.db, orgId, messageId));
  for (const email of [...emails].sort((a, b) => a.date.getTime() - b.date.getTime())) {
    const key = await threadKeyOf(email, opts.source, lookup);
    inBatch.set(email.messageId, key);
    const id = `${key.source}\u0000${key.externalId}`;
    const thread = threads.get(id) ?? { key, emails: [] };
    thread.emails.push(email);
    threads.set(id, thread);
  }
  const items = [...threads.values()].map((t) =>
    toIngestConversation(t.key, t.emails, opts.supportAddresses),
  );
  if (items.length === 0) return [];
  return ingestConversations(deps, orgId, items);
}

async function supportAddressesOf(
  db: Db,
  orgId: string,
  extra: string[] = [],
): Promise<Set<string>> {
  const known = await repo.listMailboxAddresses(db, orgId);
  return new Set([...known, ...extra].map(normalizeAddress));
}

/**
 * One raw RFC 822 message from an MTA pipe. With `address` (the support address it was sent to)
 * the source is `email:<address>`; without, `email:mime`. Either way mail from any of the
 * organization's mailbox addresses counts as an agent's reply.
 */
export async function ingestMime(
  deps: EmailDeps,
  orgId: string,
  raw: Buffer,
  opts: { address?: string | undefined } = {},
): Promise<IngestResult> {
  let email: ParsedEmail;
  try {
    email = await parseEmail(raw, { receivedAt: new Date() });
  } catch (err) {
    if (err instanceof EmailTooLargeError)
      throw new AppError("PAYLOAD_TOO_LARGE", {
        message: `body: beyond the MIME parser's limits: ${err.message}`,
      });
    if (err instanceof InvalidEmailError)
      throw new AppError("INVALID_MIME", {
        message: `body: not a usable RFC 822 message: ${err.message}`,
      });
    throw err;
  }
  const address = opts.address ? normalizeAddress(opts.address) : undefined;
  const supportAddresses = await supportAddressesOf(deps.db, orgId, address ? [address] : []);
  const [result] = await ingestEmails(deps, orgId, [email], {
    source: `email:${address ?? "mime"}`,
    supportAddresses,
  });
  if (!result) throw new Error("ingest returned no result for one thread");
  if (result.status === "rejected") {
    throw new AppError("EMAIL_REJECTED", {
      message: `body: ${result.error?.message ?? "the message was rejected"}`,
      details: result,
    });
  }
  return result;
}

// ---- Mailboxes --------------------------------------------------------------------------------

/** The ingest sources (`email:<address>`) of the org's escalation mailboxes. */
export async function escalationSources(db: Db, orgId: string): Promise<string[]> {
  const addresses = await repo.listEscalationAddresses(db, orgId);
  return addresses.map((a) => `email:${normalizeAddress(a)}`);
}

export async function listMailboxes(db: Db, orgId: string) {
  return repo.listMailboxes(db, orgId);
}

export async function createMailbox(
  db: Db,
  orgId: string,
  input: {
    name: string;
    address: string;
    host: string;
    port: number;
    secure: boolean;
    username: string;
    password: string;
    folder: string;
    enabled: boolean;
    purpose?: "support" | "escalation" | undefined;
  },
  box: SecretBox = processSecretBox(),
) {
  const { password, ...rest } = input;
  return repo.insertMailbox(db, {
    ...rest,
    orgId,
    address: normalizeAddress(input.address),
    passwordEnc: box.seal(password),
  });
}

/**
 * Renames, re-keys (a rotated password) or pauses/resumes a mailbox. Its server, account, folder and
 * position stay: a different mailbox is a new one. A new password clears the last poll error.
 */
export async function updateMailbox(
  db: Db,
  orgId: string,
  id: string,
  input: {
    name?: string | undefined;
    password?: string | undefined;
    enabled?: boolean | undefined;
  },
  box: SecretBox = processSecretBox(),
) {
  const row = await repo.updateMailbox(db, orgId, id, {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
    ...(input.password === undefined
      ? {}
      : { passwordEnc: box.seal(input.password), lastError: null }),
  });
  if (!row) throw new AppError("MAILBOX_NOT_FOUND", { message: "No such mailbox" });
  return row;
}

export async function deleteMailbox(db: Db, orgId: string, id: string): Promise<void> {
  if (!(await repo.deleteMailbox(db, orgId, id)))
    throw new AppError("MAILBOX_NOT_FOUND", { message: "No such mailbox" });
}

/** Queues a poll now; a poll already queued or running for this mailbox makes this a no-op. */
export async function requestMailboxPoll(
  deps: EmailDeps,
  orgId: string,
  id: string,
): Promise<{ queued: boolean }> {
  if (!(await repo.findPublicMailbox(deps.db, orgId, id)))
    throw new AppError("MAILBOX_NOT_FOUND", { message: "No such mailbox" });
  const jobId = await deps.queue.enqueue(
    POLL_MAILBOX_JOB,
    { orgId, mailboxId: id },
    { orgId, uniqueKey: id },
  );
  return { queued: jobId !== null };
}

/** The periodic job: one poll per enabled mailbox, unique per mailbox so polls never pile up. */
export async function enqueueMailboxPolls(deps: EmailDeps): Promise<number> {
  const all = await repo.listEnabledMailboxes(deps.db);
  for (const m of all) {
    await deps.queue.enqueue(
      POLL_MAILBOX_JOB,
      { orgId: m.orgId, mailboxId: m.id },
      { orgId: m.orgId, uniqueKey: m.id, maxAttempts: 3 },
    );
  }
  return all.length;
}

export interface PollOutcome {
  fetched: number;
  rejected: number;
  error: string | null;
}

async function parseFetched(messages: FetchedMessage[], logger: Logger): Promise<ParsedEmail[]> {
  const parsed: ParsedEmail[] = [];
  for (const m of messages) {
    try {
      parsed.push(await parseEmail(m.source, { receivedAt: m.internalDate }));
    } catch (err) {
      // Unusable mail is skipped, not retried forever; the UID (not the content) is logged.
      if (!(err instanceof InvalidEmailError)) throw err;
      logger.warn({ uid: m.uid, reason: err.message }, "skipped unusable email");
    }
  }
  return parsed;
}

/**
 * Fetches new mail of one mailbox and ingests it batch by batch, advancing `lastUid` only after
 * each batch committed. IMAP failures (login, network) are recorded in `lastError` and end the
 * job quietly: the next periodic poll is the retry. Database failures throw, so the job retries.
 */
export async function pollMailbox(
  deps: EmailDeps & { logger: Logger },
  orgId: string,
  id: string,
  opts: { box?: SecretBox; batchSize?: number; maxMessages?: number } = {},
): Promise<PollOutcome> {
  const mailbox = await repo.findMailbox(deps.db, orgId, id);
  if (!mailbox) return { fetched: 0, rejected: 0, error: "mailbox not found" };
  const log = deps.logger.child({ mailboxId: id });
  let password: string;
  try {
    password = (opts.box ?? processSecretBox()).open(mailbox.passwordEnc);
  } catch {
    const error =
      "the stored password cannot be decrypted: was RAPPORT_SECRET_KEY changed? Save the mailbox again";
    await repo.recordMailboxPoll(deps.db, orgId, id, error);
    return { fetched: 0, rejected: 0, error };
  }
  const config: ImapConfig = { ...mailbox, password };
  const source = `email:${mailbox.address}`;
  const supportAddresses = await supportAddressesOf(deps.db, orgId, [mailbox.address]);
  let rejected = 0;
  let ingestFailure: unknown;
  try {
    const end = await fetchNewMessages(
      config,
      { uidValidity: mailbox.uidValidity, lastUid: mailbox.lastUid },
      async (messages, position) => {
        try {
          const emails = await parseFetched(messages, log);
          const results = await ingestEmails(deps, orgId, emails, { source, supportAddresses });
          for (const r of results.filter((r) => r.status === "rejected")) {
            rejected += 1;
            log.warn(
              { code: r.error?.code, reason: r.error?.message },
              "email thread rejected by ingest",
            );
          }
          await repo.saveMailboxPosition(deps.db, orgId, id, position);
        } catch (err) {
          ingestFailure = err;
          throw err;
        }
      },
      {
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.maxMessages ? { maxMessages: opts.maxMessages } : {}),
      },
    );
    await repo.saveMailboxPosition(deps.db, orgId, id, end);
    const error =
      rejected > 0 ? `${rejected} email thread(s) rejected by ingest; see the worker log` : null;
    await repo.recordMailboxPoll(deps.db, orgId, id, error);
    log.info({ fetched: end.fetched, rejected }, "mailbox polled");
    return { fetched: end.fetched, rejected, error };
  } catch (err) {
    if (ingestFailure) {
      await repo
        .recordMailboxPoll(
          deps.db,
          orgId,
          id,
          "storing fetched email failed; the poll will be retried",
        )
        .catch(() => undefined);
      throw err;
    }
    const error = describeImapError(err);
    log.warn({ error }, "mailbox poll failed");
    await repo.recordMailboxPoll(deps.db, orgId, id, error);
    return { fetched: 0, rejected: 0, error };
  }
}
