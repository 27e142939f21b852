import { z } from "zod";
import { defineJob } from "../../jobs/worker.ts";
import {
  enqueueMailboxPolls,
  pollMailbox,
  POLL_ALL_JOB,
  POLL_MAILBOX_JOB,
} from "./email.service.ts";

/** Fetches and ingests new mail of one mailbox; IMAP failures land in the mailbox's lastError. */
export const pollMailboxJob = defineJob({
  name: POLL_MAILBOX_JOB,
  payload: z.object({ orgId: z.uuid(), mailboxId: z.uuid() }),
  async handle({ orgId, mailboxId }, { db, queue, logger }) {
    await pollMailbox({ db, queue, logger }, orgId, mailboxId);
  },
});

/** Every minute (RECURRING): one poll per enabled mailbox of every organization. */
export const pollAllMailboxesJob = defineJob({
  name: POLL_ALL_JOB,
  payload: z.object({}),
  async handle(_payload, { db, queue, logger }) {
    const n = await enqueueMailboxPolls({ db, queue });
    if (n > 0) logger.debug({ mailboxes: n }, "mailbox polls queued");
  },
});

export const POLL_ALL_EVERY_MS = 60_000;
