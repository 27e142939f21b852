import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import {
  buildTestApp,
  errorCode,
  loginAs,
  type Session,
  type TestApp,
} from "../../../test/http.ts";
import { jobs, mailboxes, messages } from "../../db/schema/index.ts";
import { processSecretBox } from "../../lib/secret-box.ts";
import { createApiKey } from "../orgs/index.ts";
import { POLL_MAILBOX_JOB } from "./email.service.ts";

vi.stubEnv("RAPPORT_SECRET_KEY", "email-routes-test-secret-key");

function mail(h: Record<string, string>, body: string): string {
  return `${Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}`;
}

const customer = mail(
  {
    From: "Jane <jane@example.test>",
    To: "help@acme.test",
    Subject: "Broken kettle",
    "Message-ID": "<k1@example.test>",
    Date: "Tue, 09 Jan 2024 08:00:00 +0000",
  },
  "The kettle I bought stopped working.\r\n\r\nSent from my iPhone",
);
const agentReply = mail(
  {
    From: "help@acme.test",
    To: "jane@example.test",
    Subject: "Re: Broken kettle",
    "Message-ID": "<k2@acme.test>",
    "In-Reply-To": "<k1@example.test>",
    Date: "Tue, 09 Jan 2024 09:00:00 +0000",
  },
  "We will replace it.\r\n\r\nOn Tue, 9 Jan 2024, Jane wrote:\r\n> The kettle I bought stopped working.",
);

describeEachBackend("email routes", ({ database }) => {
  let app: TestApp;
  let a: TestOrg;
  let b: TestOrg;
  let admin: Session;
  let ingestKey: string;

  const postMime = (
    raw: string | Uint8Array,
    opts: { type?: string; query?: string; key?: string } = {},
  ) =>
    app.request(`/api/v1/email/mime${opts.query ?? ""}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${opts.key ?? ingestKey}`,
        "content-type": opts.type ?? "message/rfc822",
      },
      body: raw,
    });

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    a = await buildOrg(db);
    b = await buildOrg(db);
    admin = await loginAs(app, a.users.admin.email);
    ingestKey = (await createApiKey(db, a.orgId, { kind: "cli" }, "mta", ["ingest"])).key;
  });

  it("POST /email/mime stores an email, and a reply joins its conversation", async () => {
    const first = await postMime(customer, { query: "?address=help@acme.test" });
    expect(first.status).toBe(200);
    const created = (await first.json()) as { status: string; id: string; externalId: string };
    expect(created).toMatchObject({ status: "created", externalId: "<k1@example.test>" });

    const second = await postMime(agentReply, {
      query: "?address=help@acme.test",
      type: "text/plain; charset=utf-8",
    });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ status: "updated", id: created.id });

    const again = await postMime(agentReply, { query: "?address=help@acme.test" });
    expect(await again.json()).toMatchObject({ status: "unchanged", id: created.id });

    const rows = await database()
      .db.select({ role: messages.role, text: messages.text, rawText: messages.rawText })
      .from(messages)
      .where(and(eq(messages.orgId, a.orgId), eq(messages.conversationId, created.id)))
      .orderBy(messages.seq);
    expect(rows.map((r) => [r.role, r.text])).toEqual([
      ["customer", "The kettle I bought stopped working."],
      ["agent", "We will replace it."],
    ]);
    expect(rows[1]!.rawText).toContain("> The kettle");
  });

  it("POST /email/mime without an address uses the email:mime source", async () => {
    const raw = mail(
      {
        From: "bo@example.test",
        To: "help@acme.test",
        Subject: "Hi",
        "Message-ID": "<bo1@example.test>",
      },
      "Hello",
    );
    const res = await postMime(raw);
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const conv = await app.request(`/api/v1/conversations/${id}`, {
      headers: { cookie: admin.cookie },
    });
    expect(conv.status).toBe(200);
    expect(JSON.stringify(await conv.json())).toContain("email:mime");
  });

  it("POST /email/mime refuses bad MIME with 400, other content types with 415", async () => {
    const bad = await postMime("this is not an email at all");
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe("INVALID_MIME");
    const noFrom = await postMime(mail({ Subject: "x" }, "y"));
    expect(noFrom.status).toBe(400);
    expect(((await noFrom.json()) as { error: { message: string } }).error.message).toMatch(/From/);
    const json = await postMime(JSON.stringify({ raw: customer }), { type: "application/json" });
    expect(json.status).toBe(415);
    expect(await errorCode(json)).toBe("UNSUPPORTED_MEDIA_TYPE");
    const badQuery = await postMime(customer, { query: "?address=not-an-address" });
    expect(badQuery.status).toBe(400);
    expect(await errorCode(badQuery)).toBe("VALIDATION_FAILED");
  });

  it("POST /email/mime takes a message over the default 1 MB body limit, and refuses one over 10 MB", async () => {
    const big = mail(
      { From: "big@example.test", "Message-ID": "<big@example.test>" },
      `${"x".repeat(76)}\r\n`.repeat(20_000),
    );
    expect(big.length).toBeGreaterThan(1_048_576);
    const res = await postMime(big);
    expect(res.status).toBe(200);
    const tooBig = await postMime(new Uint8Array(10 * 1024 * 1024 + 1).fill(120));
    expect(tooBig.status).toBe(413);
    expect(await errorCode(tooBig)).toBe("PAYLOAD_TOO_LARGE");
  });

  it("creates, lists, polls and deletes mailboxes without ever returning the password", async () => {
    const created = await admin.request("POST", "/api/v1/mailboxes", {
      name: "Support",
      address: "Help@Acme.test",
      host: "imap.acme.test",
      username: "help",
      password: "s3cret-imap",
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      address: "help@acme.test",
      port: 993,
      secure: true,
      folder: "INBOX",
      enabled: true,
      lastUid: 0,
    });
    expect(JSON.stringify(body)).not.toContain("s3cret-imap");
    const id = body.id as string;
    const [row] = await database().db.select().from(mailboxes).where(eq(mailboxes.id, id));
    expect(row!.passwordEnc).not.toContain("s3cret-imap");
    expect(processSecretBox().open(row!.passwordEnc)).toBe("s3cret-imap");

    const list = await admin.request("GET", "/api/v1/mailboxes");
    const text = await list.text();
    expect(text).toContain(id);
    expect(text).not.toMatch(/password/i);

    const poll = await admin.request("POST", `/api/v1/mailboxes/${id}/poll`);
    expect(poll.status).toBe(202);
    expect(await poll.json()).toEqual({ queued: true });
    const pollAgain = await admin.request("POST", `/api/v1/mailboxes/${id}/poll`);
    expect(await pollAgain.json()).toEqual({ queued: false });
    const queued = await database()
      .db.select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.name, POLL_MAILBOX_JOB), eq(jobs.uniqueKey, id)));
    expect(queued.map((j) => j.payload)).toEqual([{ orgId: a.orgId, mailboxId: id }]);

    // A rotated password and a pause are changed in place; the password is never returned.
    const updated = await admin.request("PATCH", `/api/v1/mailboxes/${id}`, {
      name: "Support desk",
      password: "n3w-imap-pass",
      enabled: false,
    });
    expect(updated.status).toBe(200);
    const updatedText = await updated.text();
    expect(JSON.parse(updatedText)).toMatchObject({ id, name: "Support desk", enabled: false });
    expect(updatedText).not.toContain("n3w-imap-pass");
    const [rekeyed] = await database().db.select().from(mailboxes).where(eq(mailboxes.id, id));
    expect(processSecretBox().open(rekeyed!.passwordEnc)).toBe("n3w-imap-pass");
    const empty = await admin.request("PATCH", `/api/v1/mailboxes/${id}`, {});
    expect(empty.status).toBe(400);
    const audit = await (await admin.request("GET", "/api/v1/audit-log")).text();
    expect(audit).toContain("mailbox.updated");
    expect(audit).not.toContain("n3w-imap-pass");

    // Another organization's admin sees a 404 for it.
    const other = await loginAs(app, b.users.admin.email);
    expect(
      (await other.request("PATCH", `/api/v1/mailboxes/${id}`, { enabled: true })).status,
    ).toBe(404);
    expect((await other.request("POST", `/api/v1/mailboxes/${id}/poll`)).status).toBe(404);
    expect((await other.request("DELETE", `/api/v1/mailboxes/${id}`)).status).toBe(404);
    expect(await (await other.request("GET", "/api/v1/mailboxes")).json()).toEqual({ items: [] });

    expect((await admin.request("DELETE", `/api/v1/mailboxes/${id}`)).status).toBe(204);
    const gone = await admin.request("DELETE", `/api/v1/mailboxes/${id}`);
    expect(gone.status).toBe(404);
    expect(await errorCode(gone)).toBe("MAILBOX_NOT_FOUND");
  });

  it("POST /mailboxes validates the body and names the field", async () => {
    const res = await admin.request("POST", "/api/v1/mailboxes", {
      name: "x",
      address: "nope",
      host: "h",
      username: "u",
      password: "p",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "body.address",
    );
    const extra = await admin.request("POST", "/api/v1/mailboxes", {
      name: "x",
      address: "a@b.test",
      host: "h",
      username: "u",
      password: "p",
      port: 70000,
    });
    expect(extra.status).toBe(400);
  });
});
