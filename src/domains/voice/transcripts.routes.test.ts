import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { conversations, messages } from "../../db/schema/index.ts";
import { createApiKey } from "../orgs/index.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, withApiKey, type TestApp } from "../../../test/http.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), "utf8");

describeEachBackend("POST /api/v1/transcripts", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let other: TestOrg;
  let ingest: ReturnType<typeof withApiKey>;
  let ingestOther: ReturnType<typeof withApiKey>;

  beforeAll(async () => {
    const { db } = database();
    app = buildTestApp(database());
    org = await buildOrg(db);
    other = await buildOrg(db);
    ingest = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "ingest", ["ingest"])).key,
    );
    ingestOther = withApiKey(
      app,
      (await createApiKey(db, other.orgId, { kind: "cli" }, "ingest", ["ingest"])).key,
    );
  });

  const upload = (externalId: string, extra: Record<string, unknown> = {}) => ({
    format: "vtt",
    content: fixture("call-voice-tags.vtt"),
    externalId,
    source: "recorder",
    startedAt: "2026-11-23T09:00:00Z",
    ...extra,
  });

  it("stores a WebVTT call as a phone conversation with offsets, then answers unchanged on re-upload", async () => {
    const res = await ingest(
      "POST",
      "/api/v1/transcripts",
      upload("rec-1", { agent: { externalId: "a-1" } }),
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as { status: string; id: string; externalId: string };
    expect(created).toMatchObject({ status: "created", externalId: "rec-1" });

    const { db } = database();
    const [conv] = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.orgId, org.orgId), eq(conversations.id, created.id)));
    expect(conv).toMatchObject({ channel: "phone", source: "recorder", agentId: org.agentId });
    const rows = await db
      .select({
        role: messages.role,
        start: messages.startOffset,
        end: messages.endOffset,
        ts: messages.ts,
        ext: messages.externalId,
      })
      .from(messages)
      .where(and(eq(messages.orgId, org.orgId), eq(messages.conversationId, created.id)))
      .orderBy(asc(messages.seq));
    expect(rows.map((r) => [r.role, r.start, r.end, r.ext])).toEqual([
      ["agent", 0.5, 4.1, "rec-1:0"],
      ["customer", 5, 11.9, "rec-1:1"],
      ["agent", 13, 16.5, "rec-1:2"],
    ]);
    expect(rows[1]?.ts.toISOString()).toBe("2026-11-23T09:00:05.000Z");

    const again = await ingest(
      "POST",
      "/api/v1/transcripts",
      upload("rec-1", { agent: { externalId: "a-1" } }),
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "unchanged", id: created.id });
  });

  it("accepts Amazon Transcribe JSON and SRT with explicit speaker roles", async () => {
    const amazon = await ingest("POST", "/api/v1/transcripts", {
      format: "amazon-transcribe",
      content: fixture("amazon-speaker-labels.json"),
      externalId: "aws-1",
    });
    expect(amazon.status).toBe(201);
    const srt = await ingest("POST", "/api/v1/transcripts", {
      format: "srt",
      content: fixture("call.srt"),
      externalId: "srt-1",
      speakerRoles: { spk_0: "customer", spk_1: "agent" },
    });
    expect(srt.status).toBe(201);
    const { id } = (await srt.json()) as { id: string };
    const rows = await database()
      .db.select({ role: messages.role })
      .from(messages)
      .where(and(eq(messages.orgId, org.orgId), eq(messages.conversationId, id)))
      .orderBy(asc(messages.seq));
    expect(rows.map((r) => r.role)).toEqual(["customer", "agent", "customer"]);
  });

  it("answers 400 naming the field for a bad body", async () => {
    const res = await ingest("POST", "/api/v1/transcripts", upload("rec-2", { format: "docx" }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.message).toContain("body.format");
    const unknown = await ingest("POST", "/api/v1/transcripts", upload("rec-2", { colour: "red" }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      "unknown field colour",
    );
  });

  it("answers 400 with the parser's reason for an unreadable transcript", async () => {
    const res = await ingest(
      "POST",
      "/api/v1/transcripts",
      upload("rec-3", { content: "not a caption file" }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: "TRANSCRIPT_INVALID",
      message: 'content: vtt: the file must start with "WEBVTT"',
    });
  });

  it("keeps tenants apart: the same externalId in another org is another conversation", async () => {
    const res = await ingestOther("POST", "/api/v1/transcripts", upload("rec-1"));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const mine = await database()
      .db.select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.orgId, org.orgId), eq(conversations.id, id)));
    expect(mine).toEqual([]);
  });

  it("needs the ingest scope or an admin session", async () => {
    expect((await app.request("/api/v1/transcripts", { method: "POST" })).status).toBe(401);
    const { db } = database();
    const read = withApiKey(
      app,
      (await createApiKey(db, org.orgId, { kind: "cli" }, "read", ["read"])).key,
    );
    const refused = await read("POST", "/api/v1/transcripts", upload("rec-4"));
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe("FORBIDDEN");
    const qa = await loginAs(app, org.users.qa.email);
    expect((await qa.request("POST", "/api/v1/transcripts", upload("rec-4"))).status).toBe(403);
    const admin = await loginAs(app, org.users.admin.email);
    expect((await admin.request("POST", "/api/v1/transcripts", upload("rec-4"))).status).toBe(201);
  });
});
