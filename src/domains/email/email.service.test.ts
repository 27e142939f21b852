import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { freePort } from "../../../test/mail-servers.ts";
import { mailboxes } from "../../db/schema/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { SecretBox } from "../../lib/secret-box.ts";
import { createLogger } from "../../logger.ts";
import { createMailbox, pollMailbox } from "./email.service.ts";

const box = new SecretBox("email-service-test-secret-key");

describeEachBackend("pollMailbox failures", ({ database }) => {
  let orgId: string;
  beforeAll(async () => {
    orgId = (await buildOrg(database().db)).orgId;
  });

  const input = (port: number) => ({
    name: "Nowhere",
    address: "help@acme.test",
    host: "127.0.0.1",
    port,
    secure: false,
    username: "u",
    password: "p",
    folder: "INBOX",
    enabled: true,
  });

  it("records a refused connection in lastError and keeps the position", async () => {
    const db = database().db;
    const mailbox = await createMailbox(db, orgId, input(await freePort()), box);
    const deps = { db, queue: new Queue(db), logger: createLogger("silent") };
    const outcome = await pollMailbox(deps, orgId, mailbox.id, { box });
    expect(outcome).toEqual({
      fetched: 0,
      rejected: 0,
      error: "IMAP server refused the connection",
    });
    const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, mailbox.id));
    expect(row).toMatchObject({
      lastError: "IMAP server refused the connection",
      lastUid: 0,
      uidValidity: null,
    });
    expect(row!.lastPolledAt).toBeInstanceOf(Date);
  });

  it("records a password sealed with another key instead of throwing", async () => {
    const db = database().db;
    const mailbox = await createMailbox(
      db,
      orgId,
      input(1),
      new SecretBox("some-other-secret-key-000"),
    );
    const deps = { db, queue: new Queue(db), logger: createLogger("silent") };
    const outcome = await pollMailbox(deps, orgId, mailbox.id, { box });
    expect(outcome.error).toMatch(/cannot be decrypted/);
  });

  it("answers for an unknown mailbox without touching anything", async () => {
    const db = database().db;
    const deps = { db, queue: new Queue(db), logger: createLogger("silent") };
    const outcome = await pollMailbox(deps, orgId, "00000000-0000-4000-8000-000000000000", { box });
    expect(outcome.error).toBe("mailbox not found");
  });
});
