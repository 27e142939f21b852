import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IngestConversationSchema } from "../conversations/index.ts";
import { evaluateJsonPath, parseJsonPath } from "./json-path.ts";
import { applyMapping, MappingError, readDeliveryId, WebhookMappingSchema } from "./mapping.ts";
import { checkSignature, signBody, signDelivery } from "./signature.ts";

const at = (path: string, value: unknown, root: unknown = value) =>
  evaluateJsonPath(parseJsonPath(path), value, root);

describe("parseJsonPath and evaluateJsonPath", () => {
  const doc = { a: { b: [{ c: 1 }, { c: 2 }, { c: 3 }] }, "odd key": { "x.y": "z" }, n: null };

  it("follows dot paths, indexes, negative indexes and wildcards", () => {
    expect(at("$", doc)).toEqual([doc]);
    expect(at("$.a.b[1].c", doc)).toEqual([2]);
    expect(at("$.a.b[-1].c", doc)).toEqual([3]);
    expect(at("$.a.b[*].c", doc)).toEqual([1, 2, 3]);
    expect(at('$["odd key"]["x.y"]', doc)).toEqual(["z"]);
    expect(at("$.n", doc)).toEqual([null]);
  });

  it("yields nothing for missing steps and for inherited keys", () => {
    expect(at("$.a.missing.c", doc)).toEqual([]);
    expect(at("$.a.b[9]", doc)).toEqual([]);
    expect(at("$.a.constructor", doc)).toEqual([]);
    expect(at("$.a.b.length", doc)).toEqual([]);
  });

  it("reads the payload root with $$ from inside a message", () => {
    expect(evaluateJsonPath(parseJsonPath("$$.a.b[0].c"), { other: true }, doc)).toEqual([1]);
  });

  it.each(["a.b", "$.", "$..a", "$[x]", '$["open', "$[1.5]", "$.a b"])("refuses %s", (path) => {
    expect(() => parseJsonPath(path)).toThrow();
  });

  it("never throws while evaluating a parsed path on any JSON", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom("$.a", "$[0]", "$[*]", "$[*][*].b", "$.a[-1]", "$$[*]"),
        (value, path) => {
          expect(Array.isArray(evaluateJsonPath(parseJsonPath(path), value, value))).toBe(true);
        },
      ),
    );
  });
});

const chatMapping = WebhookMappingSchema.parse({
  conversationExternalId: "$.conversation.id",
  channel: "$.platform",
  "customer.externalId": "$.sender.id",
  "customer.name": "$.sender.name",
  deliveryId: "$.event_id",
  messages: {
    path: "$.messages[*]",
    role: { path: "$.from.type", map: { user: "customer", operator: "agent" } },
    text: "$.body",
    ts: "$.created_at",
    externalId: "$.id",
    agentExternalId: "$.from.operator_id",
  },
});

const chatPayload = {
  event_id: "evt_1",
  platform: "chat",
  conversation: { id: 9001 },
  sender: { id: "u-17", name: "Sam" },
  messages: [
    { id: "m1", from: { type: "user" }, body: "Where is my parcel?", created_at: 1_763_856_000 },
    {
      id: "m2",
      from: { type: "operator", operator_id: "op-3" },
      body: "Checking now.",
      created_at: "2025-11-23T00:01:00Z",
    },
  ],
};

describe("applyMapping", () => {
  it("maps a chat payload to a valid ingest item", () => {
    const item = applyMapping(chatMapping, "widget", chatPayload);
    expect(item).toEqual({
      externalId: "9001",
      source: "widget",
      channel: "chat",
      customer: { externalId: "u-17", name: "Sam" },
      messages: [
        {
          role: "customer",
          text: "Where is my parcel?",
          ts: "2025-11-23T00:00:00.000Z",
          externalId: "m1",
        },
        {
          role: "agent",
          text: "Checking now.",
          ts: "2025-11-23T00:01:00Z",
          externalId: "m2",
          agentExternalId: "op-3",
        },
      ],
    });
    expect(IngestConversationSchema.safeParse(item).success).toBe(true);
    expect(readDeliveryId(chatMapping, chatPayload)).toBe("evt_1");
  });

  it("treats a single message path as one message, and unmapped roles pass through for validation", () => {
    const mapping = WebhookMappingSchema.parse({
      conversationExternalId: "$.thread",
      "customer.externalId": "$.user",
      messages: {
        path: "$.message",
        role: { path: "$.kind", map: { in: "customer" } },
        text: "$.text",
        ts: "$.ts",
      },
    });
    const item = applyMapping(mapping, "dm", {
      thread: "t",
      user: "u",
      message: { kind: "out", text: "hi", ts: 1_700_000_000_000 },
    });
    expect(item.messages).toEqual([{ role: "out", text: "hi", ts: "2023-11-14T22:13:20.000Z" }]);
    expect(item.channel).toBe("chat");
    expect(IngestConversationSchema.safeParse(item).success).toBe(false);
  });

  it("uses defaults and { value } literals", () => {
    const mapping = WebhookMappingSchema.parse({
      conversationExternalId: "$.id",
      channel: { value: "social" },
      status: { path: "$.state", default: "open" },
      "customer.externalId": "$.user",
      messages: { path: "$.msgs[*]", role: "customer", text: "$.t", ts: "$.ts" },
    });
    const item = applyMapping(mapping, "s", { id: "1", user: "u", msgs: [] });
    expect(item).toMatchObject({ channel: "social", status: "open", messages: [] });
  });

  it("names the field when a path reaches an object instead of a string", () => {
    expect(() =>
      applyMapping(chatMapping, "widget", { ...chatPayload, sender: { id: { nested: 1 } } }),
    ).toThrow(new MappingError("customer.externalId: $.sender.id is an object, expected a string"));
  });
});

describe("WebhookMappingSchema", () => {
  it("refuses invalid paths, [*] in single values, and unknown fields", () => {
    const base = {
      conversationExternalId: "$.id",
      "customer.externalId": "$.u",
      messages: { path: "$.m[*]", role: "customer", text: "$.t", ts: "$.ts" },
    };
    expect(WebhookMappingSchema.safeParse(base).success).toBe(true);
    expect(
      WebhookMappingSchema.safeParse({ ...base, conversationExternalId: "$..id" }).success,
    ).toBe(false);
    expect(
      WebhookMappingSchema.safeParse({ ...base, conversationExternalId: "$.ids[*]" }).success,
    ).toBe(false);
    expect(WebhookMappingSchema.safeParse({ ...base, "customer.phone": "$.p" }).success).toBe(
      false,
    );
    expect(
      WebhookMappingSchema.safeParse({ ...base, messages: { ...base.messages, path: "messages" } })
        .success,
    ).toBe(false);
  });
});

describe("checkSignature", () => {
  const secret = "whsec_test";
  const body = new TextEncoder().encode('{"a":1}');
  const now = 1_763_856_000;

  it("accepts a fresh rapport signature and refuses a changed body, a wrong secret, or a stale timestamp", () => {
    const sig = signDelivery(secret, String(now), body);
    expect(
      checkSignature(
        "rapport",
        secret,
        { timestamp: String(now), signature: sig },
        body,
        now + 299,
      ),
    ).toBe("ok");
    expect(
      checkSignature(
        "rapport",
        secret,
        { timestamp: String(now), signature: sig },
        new TextEncoder().encode('{"a":2}'),
        now,
      ),
    ).toBe("invalid");
    expect(
      checkSignature("rapport", "other", { timestamp: String(now), signature: sig }, body, now),
    ).toBe("invalid");
    expect(
      checkSignature("rapport", secret, { timestamp: String(now + 1), signature: sig }, body, now),
    ).toBe("invalid");
    expect(
      checkSignature(
        "rapport",
        secret,
        { timestamp: String(now), signature: sig },
        body,
        now + 301,
      ),
    ).toBe("stale");
    expect(checkSignature("rapport", secret, { signature: sig }, body, now)).toBe("invalid");
  });

  it("accepts the body-only hub scheme", () => {
    expect(
      checkSignature("hub-sha256", secret, { hubSignature: signBody(secret, body) }, body, now),
    ).toBe("ok");
    expect(
      checkSignature("hub-sha256", secret, { hubSignature: signBody("x", body) }, body, now),
    ).toBe("invalid");
  });
});

describe("docs/connectors.md example 2 (social DM)", () => {
  it("maps a Messenger-style page event to one social conversation", () => {
    const mapping = WebhookMappingSchema.parse({
      signature: "hub-sha256",
      deliveryId: "$.entry[0].messaging[0].message.mid",
      conversationExternalId: "$.entry[0].messaging[0].sender.id",
      channel: "social",
      "customer.externalId": "$.entry[0].messaging[0].sender.id",
      messages: {
        path: "$.entry[0].messaging[*]",
        role: { path: "$.message.is_echo", map: { true: "agent" }, default: "customer" },
        text: "$.message.text",
        ts: "$.timestamp",
        externalId: "$.message.mid",
      },
    });
    const event = {
      object: "page",
      entry: [
        {
          id: "page-42",
          time: 1763856000123,
          messaging: [
            {
              sender: { id: "psid-981" },
              recipient: { id: "page-42" },
              timestamp: 1763856000123,
              message: { mid: "m_AbC123", text: "Hi, my order 5512 hasn't arrived" },
            },
          ],
        },
      ],
    };
    const item = applyMapping(mapping, "messenger", event);
    expect(item).toEqual({
      externalId: "psid-981",
      source: "messenger",
      channel: "social",
      customer: { externalId: "psid-981" },
      messages: [
        {
          role: "customer",
          text: "Hi, my order 5512 hasn't arrived",
          ts: "2025-11-23T00:00:00.123Z",
          externalId: "m_AbC123",
        },
      ],
    });
    expect(IngestConversationSchema.safeParse(item).success).toBe(true);
    expect(readDeliveryId(mapping, event)).toBe("m_AbC123");
    expect(mapping.signature).toBe("hub-sha256");
  });
});
