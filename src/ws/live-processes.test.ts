import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli } from "../../test/cli.ts";
import { availableBackends } from "../../test/db.ts";
import { isType, LiveClient } from "./test-client.ts";

const onPostgres = availableBackends().includes("postgres");
if (!onPostgres)
  console.warn("Skipping the two-process live call test: TEST_DATABASE_URL is not set");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A real `rapport serve` process; resolves once it answers /healthz. */
async function startServe(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve("bin/rapport.js"), "serve"], {
    env: { ...process.env, LOG_LEVEL: "warn", RAPPORT_DEMO: "off", ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("serve did not become healthy");
}

describe.skipIf(!onPostgres)("live calls across two API processes on one PostgreSQL", () => {
  let env: Record<string, string> = {};
  let cleanup = async () => {};
  const servers: ChildProcess[] = [];
  const clients: LiveClient[] = [];
  let first = "";
  let second = "";
  let streamKey = "";
  let otherOrgKey = "";

  beforeAll(async () => {
    ({ env, cleanup } = await createCliEnvironment("postgres", "live2", { migrated: true }));
    const key = async (slug: string) => {
      expect((await runCli(["org", "create", "--slug", slug, "--name", slug], env)).code).toBe(0);
      return (
        await runCli(["apikey", "create", "--org", slug, "--scopes", "ingest,read"], env)
      ).stdout.trim();
    };
    streamKey = await key("acme");
    otherOrgKey = await key("globex");
    const [a, b] = await Promise.all([startServe(env), startServe(env)]);
    servers.push(a.child, b.child);
    first = a.url.replace("http", "ws");
    second = b.url.replace("http", "ws");
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const s of servers) s.kill("SIGTERM");
    await Promise.all(
      servers.map((s) => new Promise((r) => (s.exitCode === null ? s.on("exit", r) : r(null)))),
    );
    await cleanup();
  });

  const connect = async (base: string, key: string) => {
    const client = await LiveClient.connect(`${base}/api/v1/live?access_token=${key}`);
    clients.push(client);
    return client;
  };

  it("lets a supervisor on one process hear a call streamed into the other", async () => {
    const platform = await connect(first, streamKey);
    const supervisor = await connect(second, streamKey);
    const stranger = await connect(second, otherOrgKey);
    const callId = "two-process-call";

    platform.send({ type: "start", callId });
    await platform.next(isType("started", callId), "started");
    platform.send({
      type: "utterance",
      callId,
      speaker: "customer",
      text: "My parcel never came.",
      startOffset: 0.5,
      endOffset: 2,
    });
    await platform.next(isType("analysis", callId), "analysis");

    supervisor.send({ type: "subscribe", callId });
    expect(await supervisor.next(isType("subscribed", callId), "subscribed")).toEqual({
      type: "subscribed",
      callId,
      seq: 1,
    });
    stranger.send({ type: "subscribe", callId });
    expect(await stranger.next(isType("error"), "error")).toMatchObject({ code: "CALL_NOT_FOUND" });

    platform.send({
      type: "utterance",
      callId,
      speaker: "customer",
      text: "This is the third time I call. I want to speak to a manager!",
      startOffset: 2.5,
      endOffset: 6,
    });
    const heard = await supervisor.next(isType("analysis", callId), "analysis");
    // The second utterance: analysis frames count from 0, so it is the one the subscription's seq named.
    expect(heard).toMatchObject({ type: "analysis", callId, seq: 1 });
    platform.send({ type: "end", callId });
    expect(await supervisor.next(isType("ended", callId), "ended")).toMatchObject({
      type: "ended",
      utterances: 2,
    });
    expect(stranger.frames.filter((f) => f.type !== "error")).toEqual([]);
  }, 60_000);
});
