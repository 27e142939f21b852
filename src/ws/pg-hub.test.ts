import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { availableBackends } from "../../test/db.ts";
import { createCliEnvironment } from "../../test/cli.ts";
import type { LiveServerFrame } from "./live.schemas.ts";
import { createPostgresHub, cutIntoPieces } from "./pg-hub.ts";

const onPostgres = availableBackends().includes("postgres");
if (!onPostgres)
  console.warn("Skipping the PostgreSQL live hub tests: TEST_DATABASE_URL is not set");

const started = (callId: string, seq = 0): LiveServerFrame => ({ type: "started", callId, seq });

/** Resolves with the frames a listener heard once `count` arrived (or what it had after 5 s). */
function collect(count: number) {
  const heard: LiveServerFrame[] = [];
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const guard = setTimeout(done, 5_000);
  return {
    heard,
    listener: (f: LiveServerFrame) => {
      heard.push(f);
      if (heard.length < count) return;
      clearTimeout(guard);
      done();
    },
    finished,
  };
}

describe.skipIf(!onPostgres)("createPostgresHub", () => {
  const logger = pino({ level: "silent" });
  let cleanup = async () => {};
  let a: ReturnType<typeof createPostgresHub>;
  let b: ReturnType<typeof createPostgresHub>;
  const streamedByB = new Map<string, number>([["org-1\u0000call-b", 7]]);

  beforeAll(async () => {
    const scratch = await createCliEnvironment("postgres", "hub");
    cleanup = scratch.cleanup;
    const url = scratch.env.DATABASE_URL!;
    a = createPostgresHub({ url, logger, localSeq: () => null });
    b = createPostgresHub({
      url,
      logger,
      localSeq: (orgId, callId) => streamedByB.get(`${orgId}\u0000${callId}`) ?? null,
    });
    await Promise.all([a.ready, b.ready]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cleanup();
  });

  it("delivers a frame published in one process to that org and call's subscribers in another", async () => {
    const mine = collect(2);
    const otherOrg = collect(1);
    a.subscribe("org-1", "call-1", mine.listener);
    a.subscribe("org-2", "call-1", otherOrg.listener);
    b.publish("org-1", "call-1", started("call-1", 1));
    b.publish("org-1", "call-1", started("call-1", 2));
    await mine.finished;
    expect(mine.heard).toEqual([started("call-1", 1), started("call-1", 2)]);
    expect(otherOrg.heard).toEqual([]);
  });

  it("puts a frame larger than a notification back together, non-ASCII text included", async () => {
    const big: LiveServerFrame = {
      type: "error",
      code: "INTERNAL",
      message: "Déjà vu — 電話が繋がらない 🙁 ".repeat(900),
      callId: "call-big",
    };
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(20_000);
    const got = collect(1);
    a.subscribe("org-1", "call-big", got.listener);
    b.publish("org-1", "call-big", big);
    await got.finished;
    expect(got.heard).toEqual([big]);
  });

  it("locates a call another process streams, for the caller's org only", async () => {
    expect(await a.locate("org-1", "call-b")).toBe(7);
    expect(await a.locate("org-2", "call-b")).toBeNull();
  });
});

describe("cutIntoPieces", () => {
  it("gives back the text when joined, in pieces that fit a notification, never splitting a character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 6_000 }), (text) => {
        const pieces = cutIntoPieces(text);
        expect(pieces.join("")).toBe(text);
        for (const piece of pieces) {
          expect(Buffer.byteLength(piece, "utf8")).toBeLessThan(7_900);
          // A lone surrogate would reach PostgreSQL as a replacement character.
          expect(Buffer.from(piece, "utf8").toString("utf8")).toBe(piece);
        }
      }),
      { numRuns: 200 },
    );
  });
});
