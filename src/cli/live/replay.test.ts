import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { conversations } from "../../db/schema/index.ts";
import { createApiKey } from "../../domains/orgs/index.ts";
import { PACKAGE_ROOT } from "../../lib/package-root.ts";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg } from "../../../test/factories.ts";
import { startRunningApp, type RunningApp } from "../../../test/live-server.ts";
import { replayTranscript, type ReplayOptions } from "./replay.ts";

const FIXTURES = path.join(PACKAGE_ROOT, "src/domains/voice/fixtures");

/** Runs the replay as the command does, capturing what it prints. */
async function replay(opts: Partial<ReplayOptions> & Pick<ReplayOptions, "file" | "url">) {
  let stdout = "";
  let stderr = "";
  const code = await replayTranscript(
    { apiKey: undefined, speed: Infinity, ...opts },
    {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
    },
  );
  return { code, stdout, stderr };
}

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeEachBackend("rapport live replay", ({ database }) => {
  let running: RunningApp;
  let orgId: string;
  let ingestKey: string;
  let readKey: string;

  beforeAll(async () => {
    const { db } = database();
    orgId = (await buildOrg(db)).orgId;
    ingestKey = (await createApiKey(db, orgId, { kind: "cli" }, "replay", ["ingest"])).key;
    readKey = (await createApiKey(db, orgId, { kind: "cli" }, "read", ["read"])).key;
    running = await startRunningApp(database());
  });
  afterAll(() => running.close());

  it("streams a WebVTT call and prints each utterance's insight, then the stored conversation", async () => {
    const res = await replay({
      file: path.join(FIXTURES, "call-voice-tags.vtt"),
      url: running.url,
      apiKey: ingestKey,
      callId: "replay-vtt",
    });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^call replay-vtt started; replaying \d+ utterances$/);
    expect(res.stdout).toMatch(/customer .*escalation_request, repeat_contact/);
    const ended = /stored as conversation ([0-9a-f-]{36})$/.exec(lines.at(-1)!);
    expect(ended).not.toBeNull();
    const [stored] = await database()
      .db.select({ source: conversations.source, status: conversations.status })
      .from(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.id, ended![1]!)));
    expect(stored).toEqual({ source: "live", status: "closed" });
  });

  it("replays SRT and Transcribe JSON too, and prints raw frames with --json", async () => {
    const srt = await replay({
      file: path.join(FIXTURES, "call.srt"),
      url: running.url,
      apiKey: ingestKey,
      speed: 1000,
    });
    expect(srt).toMatchObject({ code: 0, stderr: "" });
    const json = await replay({
      file: path.join(FIXTURES, "amazon-speaker-labels.json"),
      url: running.url,
      apiKey: ingestKey,
      json: true,
    });
    expect(json).toMatchObject({ code: 0, stderr: "" });
    const types = json.stdout
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types[0]).toBe("started");
    expect(types.at(-1)).toBe("ended");
    expect(types).toContain("analysis");
  });

  it("says what to fix: no server, a bad or read-only key, a missing or unreadable file", async () => {
    const vtt = path.join(FIXTURES, "call-voice-tags.vtt");
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const noServer = await replay({ file: vtt, url: nowhere, apiKey: ingestKey });
    expect(noServer.code).toBe(1);
    expect(noServer.stderr).toContain(`no Rapport server answers at ${nowhere}`);

    const badKey = await replay({ file: vtt, url: running.url, apiKey: "rk_nope" });
    expect(badKey).toMatchObject({ code: 1 });
    expect(badKey.stderr).toContain("refused the API key (401");

    const noKey = await replay({ file: vtt, url: running.url });
    expect(noKey.stderr).toContain("--api-key");

    // A read key may connect (to subscribe) but not stream: the start is refused in a frame.
    const readOnly = await replay({ file: vtt, url: running.url, apiKey: readKey });
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toContain("FORBIDDEN");

    const missing = await replay({ file: "/nope/call.vtt", url: running.url, apiKey: ingestKey });
    expect(missing.stderr).toContain("no such file: /nope/call.vtt");

    const dir = await mkdtemp(path.join(os.tmpdir(), "replay-"));
    const bad = path.join(dir, "bad.vtt");
    await writeFile(bad, "this is not a caption file");
    const invalid = await replay({ file: bad, url: running.url, apiKey: ingestKey });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("is not a valid vtt transcript");
    const unknown = await replay({
      file: path.join(dir, "call.txt"),
      url: running.url,
      apiKey: ingestKey,
    });
    expect(unknown.stderr).toContain("--format");
    const chat = await replay({
      file: path.join(
        PACKAGE_ROOT,
        "test/fixtures/importers/amazon/contact-lens-chat-analysis.json",
      ),
      url: running.url,
      apiKey: ingestKey,
    });
    expect(chat).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("is a chat, not a call"),
    });
  });
});
