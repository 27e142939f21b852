import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_VERSION } from "../app.ts";
import { describeEachBackend } from "../../test/db.ts";
import { buildTestApp } from "../../test/http.ts";
import { buildLiveAsyncApi, LIVE_FRAMES } from "./asyncapi.ts";
import { LiveClientFrameSchema, LiveServerFrameSchema } from "./live.schemas.ts";

type Doc = Record<string, unknown>;
const doc = buildLiveAsyncApi("1.2.3") as Doc;

/** Follows a local `#/a/b/c` reference; undefined when it leads nowhere. */
function resolveRef(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined,
      doc,
    );
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, out);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

/** The `type` literal of every option of a discriminated union of frames. */
const frameTypes = (union: z.ZodDiscriminatedUnion) =>
  union.options.map((option) => {
    const shape = (option as unknown as z.ZodObject).shape as { type: z.ZodLiteral<string> };
    return shape.type.value;
  });

describe("the live protocol's AsyncAPI document", () => {
  it("describes every client and server frame the code knows, in the right direction", () => {
    const channelMessages = Object.keys(
      (doc.channels as { live: { messages: object } }).live.messages,
    );
    const client = frameTypes(LiveClientFrameSchema);
    const server = frameTypes(LiveServerFrameSchema);
    expect(channelMessages.sort()).toEqual([...client, ...server].sort());
    const operations = doc.operations as Record<string, { action: string; messages: object[] }>;
    for (const type of client) expect(operations[`receive${cap(type)}`]?.action).toBe("receive");
    for (const type of server) expect(operations[`send${cap(type)}`]?.action).toBe("send");
  });

  it("has the fields AsyncAPI 3.0 requires, and every reference resolves", () => {
    expect(doc.asyncapi).toBe("3.0.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: "1.2.3" });
    for (const server of Object.values(doc.servers as Record<string, Doc>)) {
      expect(server).toMatchObject({ host: expect.any(String), protocol: "ws" });
    }
    for (const op of Object.values(doc.operations as Record<string, Doc>)) {
      expect(["send", "receive"]).toContain(op.action);
      expect(resolveRef((op.channel as { $ref: string }).$ref)).toBeDefined();
      // AsyncAPI 3: an operation's messages must be messages of its channel.
      for (const m of op.messages as { $ref: string }[])
        expect(m.$ref).toMatch(/^#\/channels\/live\/messages\//);
    }
    const schemes = (doc.components as { securitySchemes: Record<string, Doc> }).securitySchemes;
    for (const scheme of Object.values(schemes)) {
      expect(["http", "httpApiKey"]).toContain(scheme.type);
      if (scheme.type === "httpApiKey") expect(["query", "header", "cookie"]).toContain(scheme.in);
    }
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(resolveRef(ref), ref).toBeDefined();
    const messages = (doc.components as { messages: Record<string, Doc> }).messages;
    for (const message of Object.values(messages)) {
      expect(message.payload).toBeDefined();
      expect(message.examples).toHaveLength(1);
    }
  });

  it("publishes JSON Schemas generated from the zod schemas, and examples they accept", () => {
    const schemas = (doc.components as { schemas: Record<string, Doc> }).schemas;
    expect(schemas.UtteranceFrame).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["type", "callId", "speaker", "text"]),
      properties: { speaker: { enum: ["customer", "agent"] } },
    });
    expect(schemas.StartFrame?.properties).toHaveProperty("lastSeq");
    for (const [name, frame] of Object.entries(LIVE_FRAMES)) {
      expect(frame.schema.safeParse(frame.example).error, name).toBeUndefined();
    }
  });
});

describeEachBackend("GET /api/v1/asyncapi.json", ({ database }) => {
  it("is served beside the OpenAPI document, without a login", async () => {
    const res = await buildTestApp(database()).request("/api/v1/asyncapi.json");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(buildLiveAsyncApi(API_VERSION));
  });
});

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
