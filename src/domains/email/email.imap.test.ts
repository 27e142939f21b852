import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import {
  dovecotMissingReason,
  startDovecot,
  type TestImapServer,
} from "../../../test/mail-servers.ts";
import type { Db } from "../../db/client.ts";
import { conversations, jobs, mailboxes, messages } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { startWorker } from "../../jobs/worker.ts";
import { createLogger } from "../../logger.ts";
import { pollAllMailboxesJob, pollMailboxJob } from "./email.jobs.ts";
import {
  createMailbox,
  enqueueMailboxPolls,
  pollMailbox,
  POLL_MAILBOX_JOB,
} from "./email.service.ts";

// Mailbox passwords are sealed with the key from the environment, as in production.
vi.stubEnv("RAPPORT_SECRET_KEY", "email-imap-test-secret-key");

const SUPPORT = "support@acme.test";
const logger = createLogger("silent");
const missing = dovecotMissingReason();
if (missing) {
  if (process.env.CI === "true") {
    it("runs the IMAP suite in CI", () => {
      throw new Error(`IMAP tests cannot run in CI: ${missing}`);
    });
  } else {
    console.warn(`\n[rapport tests] IMAP suite skipped: ${missing}\n`);
  }
}

function mail(h: Record<string, string>, body: string): string {
  const lines = Object.entries(h).map(([k, v]) => `${k}: ${v}`);
  return `${lines.join("\r\n")}\r\n\r\n${body.replaceAll("\n", "\r\n")}\r\n`;
}

/** A thread: the customer writes, an agent answers from the support address, the customer replies. */
function thread(tag: string) {
  const id = (n: number) => `<${tag}-m${n}@example.test>`;
  return {
    first: mail(
      {
        From: '"Jane Doe" <jane@example.test>',
        To: SUPPORT,
        Subject: "Parcel missing",
        "Message-ID": id(1),
        Date: "Mon, 08 Jan 2024 09:00:00 +0000",
      },
      "My parcel never arrived. Order 1234.",
    ),
    agentReply: mail(
      {
        From: `"Ada at Acme" <${SUPPORT}>`,
        To: "jane@example.test",
        Subject: "Re: Parcel missing",
        "Message-ID": id(2),
        "In-Reply-To": id(1),
        References: id(1),
        Date: "Mon, 08 Jan 2024 10:00:00 +0000",
      },
      "Sorry about that, we have sent a new one.\n\n-- \nAda, Acme Support",
    ),
    // No References: threading must find the agent's reply in the database (stored by an earlier poll).
    secondReply: mail(
      {
        From: "jane@example.test",
        To: SUPPORT,
        Subject: "Re: Parcel missing",
        "Message-ID": id(3),
        "In-Reply-To": id(2),
        Date: "Mon, 08 Jan 2024 11:00:00 +0000",
      },
      "Thank you, it just arrived!\n\nOn Mon, 8 Jan 2024 at 10:00, Ada at Acme <support@acme.test> wrote:\n> Sorry about that, we have sent a new one.",
    ),
  };
}

describe.skipIf(missing !== null)("email over IMAP (dovecot)", () => {
  let imap: TestImapServer;
  beforeAll(async () => {
    imap = await startDovecot({ user: SUPPORT });
  });
  afterAll(async () => {
    await imap?.stop();
  });

  async function append(folder: string, raws: string[]): Promise<void> {
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
    });
    await client.connect();
    try {
      await client.mailboxCreate(folder).catch(() => undefined);
      for (const raw of raws) await client.append(folder, raw);
    } finally {
      await client.logout();
    }
  }

  async function transcript(db: Db, orgId: string) {
    const convs = await db
      .select({
        id: conversations.id,
        externalId: conversations.externalId,
        subject: conversations.subject,
      })
      .from(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.source, `email:${SUPPORT}`)));
    const rows = await db
      .select({
        conversationId: messages.conversationId,
        role: messages.role,
        text: messages.text,
        rawText: messages.rawText,
        externalId: messages.externalId,
      })
      .from(messages)
      .where(eq(messages.orgId, orgId))
      .orderBy(asc(messages.seq));
    return { convs, rows };
  }

  async function mailboxRow(db: Db, id: string) {
    return (await db.select().from(mailboxes).where(eq(mailboxes.id, id)))[0]!;
  }

  describeEachBackend("IMAP polling", ({ database }) => {
    let db: Db;
    let queue: Queue;
    let orgId: string;
    let mailboxId: string;
    let tag: string;

    beforeAll(async () => {
      db = database().db;
      queue = new Queue(db);
      orgId = (await buildOrg(db)).orgId;
      tag = randomUUID().slice(0, 8);
      const folder = `T${tag}`;
      const m = thread(tag);
      await append(folder, [m.first, m.agentReply]);
      const box = await createMailbox(db, orgId, {
        name: "Support",
        address: SUPPORT,
        host: imap.host,
        port: imap.port,
        secure: false,
        username: imap.user,
        password: imap.password,
        folder,
        enabled: true,
      });
      mailboxId = box.id;
    });

    it("threads a customer email, the agent's reply and a later customer reply into one conversation", async () => {
      const deps = { db, queue, logger };
      // Batches of one: each message commits on its own and the position moves after each.
      const first = await pollMailbox(deps, orgId, mailboxId, { batchSize: 1 });
      expect(first).toEqual({ fetched: 2, rejected: 0, error: null });
      expect((await mailboxRow(db, mailboxId)).lastUid).toBe(2);

      await append(`T${tag}`, [thread(tag).secondReply]);
      const second = await pollMailbox(deps, orgId, mailboxId);
      expect(second.fetched).toBe(1);

      const { convs, rows } = await transcript(db, orgId);
      expect(convs).toEqual([
        {
          id: expect.any(String),
          externalId: `<${tag}-m1@example.test>`,
          subject: "Parcel missing",
        },
      ]);
      const mine = rows.filter((r) => r.conversationId === convs[0]!.id);
      expect(mine.map((r) => [r.role, r.externalId])).toEqual([
        ["customer", `<${tag}-m1@example.test>`],
        ["agent", `<${tag}-m2@example.test>`],
        ["customer", `<${tag}-m3@example.test>`],
      ]);
      // Quoted history and signatures leave the analysed text but stay in rawText.
      expect(mine[1]!.text).toBe("Sorry about that, we have sent a new one.");
      expect(mine[1]!.rawText).toContain("Ada, Acme Support");
      expect(mine[2]!.text).toBe("Thank you, it just arrived!");
      expect(mine[2]!.rawText).toContain("> Sorry about that");
      const row = await mailboxRow(db, mailboxId);
      expect(row.lastUid).toBe(3);
      expect(row.lastError).toBeNull();
      expect(row.lastPolledAt).toBeInstanceOf(Date);
    });

    it("adds nothing when polled again, even after losing its position and fetching in parts", async () => {
      const deps = { db, queue, logger };
      const before = (await transcript(db, orgId)).rows.length;
      expect((await pollMailbox(deps, orgId, mailboxId)).fetched).toBe(0);
      // As after a crash between ingest and saving the position: everything is fetched again, harmlessly.
      await db.update(mailboxes).set({ lastUid: 0 }).where(eq(mailboxes.id, mailboxId));
      // A poll takes at most maxMessages; the next one goes on where it stopped.
      expect((await pollMailbox(deps, orgId, mailboxId, { maxMessages: 2 })).fetched).toBe(2);
      expect((await mailboxRow(db, mailboxId)).lastUid).toBe(2);
      expect((await pollMailbox(deps, orgId, mailboxId, { maxMessages: 2 })).fetched).toBe(1);
      expect((await transcript(db, orgId)).rows.length).toBe(before);
      expect((await mailboxRow(db, mailboxId)).lastUid).toBe(3);
    });

    it("starts over when the folder's UIDVALIDITY changed", async () => {
      const real = (await mailboxRow(db, mailboxId)).uidValidity;
      expect(real).toMatch(/^\d+$/);
      await db
        .update(mailboxes)
        .set({ uidValidity: "1", lastUid: 99 })
        .where(eq(mailboxes.id, mailboxId));
      expect((await pollMailbox({ db, queue, logger }, orgId, mailboxId)).fetched).toBe(3);
      const row = await mailboxRow(db, mailboxId);
      expect(row).toMatchObject({ uidValidity: real, lastUid: 3 });
      expect((await transcript(db, orgId)).convs).toHaveLength(1);
    });

    it("records a wrong password in lastError and the worker carries on", async () => {
      const bad = await createMailbox(db, orgId, {
        name: "Wrong password",
        address: "billing@acme.test",
        host: imap.host,
        port: imap.port,
        secure: false,
        username: imap.user,
        password: "not-the-password",
        folder: "INBOX",
        enabled: true,
      });
      await queue.enqueue(
        POLL_MAILBOX_JOB,
        { orgId, mailboxId: bad.id },
        { orgId, uniqueKey: bad.id },
      );
      await queue.enqueue(POLL_MAILBOX_JOB, { orgId, mailboxId }, { orgId, uniqueKey: mailboxId });
      const worker = startWorker({ db, queue, logger }, [pollMailboxJob, pollAllMailboxesJob], {
        pollMs: 60_000,
      });
      try {
        // The worker's own first poll may run them before drain() does: count outcomes, not runs.
        await worker.drain();
      } finally {
        await worker.stop();
      }
      const badRow = await mailboxRow(db, bad.id);
      expect(badRow.lastError).toMatch(/login failed/i);
      expect(badRow.lastError).not.toContain("not-the-password");
      expect(badRow.lastPolledAt).toBeInstanceOf(Date);
      expect(badRow.lastUid).toBe(0);
      expect((await mailboxRow(db, mailboxId)).lastError).toBeNull();
      const states = await db
        .select({ state: jobs.state })
        .from(jobs)
        .where(eq(jobs.name, POLL_MAILBOX_JOB));
      expect(states.every((s) => s.state === "done")).toBe(true);
    });

    it("queues one poll per enabled mailbox, never two for the same mailbox", async () => {
      await db
        .update(mailboxes)
        .set({ enabled: false })
        .where(eq(mailboxes.address, "billing@acme.test"));
      const queued = async () =>
        (
          await db
            .select({ payload: jobs.payload })
            .from(jobs)
            .where(and(eq(jobs.name, POLL_MAILBOX_JOB), eq(jobs.state, "queued")))
        ).length;
      const before = await queued();
      expect(await enqueueMailboxPolls({ db, queue })).toBe(1);
      expect(await enqueueMailboxPolls({ db, queue })).toBe(1);
      expect(await queued()).toBe(before + 1);
    });
  });
});
