import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { createApiKey } from "./domains/orgs/index.ts";
import { describeEachBackend } from "../test/db.ts";
import { buildOrg, type TestOrg } from "../test/factories.ts";
import { buildTestApp, loginAs, type Session, type TestApp } from "../test/http.ts";
import {
  HOSTILE_STRINGS,
  SchemaArbitraries,
  type OpenApiDocument,
  type Operation,
} from "../test/openapi-arbitraries.ts";

/**
 * Fuzzes every operation of the OpenAPI document the app serves: parameters and bodies generated
 * from their schemas (mostly valid, salted with hostile values), sent as an admin so that requests
 * reach the services and SQL. No answer may be a 5xx, and every 4xx carries the error envelope.
 * Runs are bounded (RUNS per operation and backend, two for an operation without input, whose runs
 * would all be the same request) so the suite stays well under a minute.
 */
const RUNS = Number(process.env.RAPPORT_FUZZ_RUNS ?? 25);

interface Sent {
  method: string;
  url: string;
  contentType?: string;
  body?: string;
}

/** A lone surrogate cannot be percent-encoded; send the bytes of one (invalid UTF-8) instead. */
function encodePathSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}

const ErrorEnvelope = {
  check(body: unknown): boolean {
    const b = body as { error?: { code?: unknown; message?: unknown }; requestId?: unknown };
    return (
      typeof b?.error?.code === "string" &&
      typeof b.error.message === "string" &&
      typeof b.requestId === "string" &&
      b.requestId.length > 0
    );
  },
};

/** A raw email: a plausible header block with generated fields and body, or any text at all. */
const mimeArbitrary = fc.oneof(
  fc
    .record({
      from: fc.oneof(fc.emailAddress(), fc.constantFrom(...HOSTILE_STRINGS)),
      subject: fc.oneof(
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.constantFrom(...HOSTILE_STRINGS),
      ),
      date: fc.constantFrom(
        "Sun, 01 Jan 0000 00:00:00 +0000",
        "Mon, 2 Nov 2026 10:00:00 +0000",
        "garbage",
      ),
      body: fc.string({ unit: "binary", maxLength: 200 }),
      id: fc.uuid(),
    })
    .map(
      (m) =>
        `From: ${m.from}\r\nTo: help@example.test\r\nSubject: ${m.subject}\r\nDate: ${m.date}\r\n` +
        `Message-ID: <${m.id}@fuzz>\r\n\r\n${m.body}\r\n`,
    ),
  fc.string({ unit: "binary", maxLength: 300 }),
);

describeEachBackend("API fuzz (generated from the OpenAPI document)", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;
  let doc: OpenApiDocument;
  let arbs: SchemaArbitraries;
  /** Real ids of org A's records, so that generated paths also hit existing rows. */
  let knownIds: string[];

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    admin = await loginAs(app, org.users.admin.email);
    const spare = await createApiKey(db, org.orgId, { kind: "cli" }, "spare", ["read"]);
    // Never the admin's own user id: a generated PATCH could demote the session the fuzz runs as.
    knownIds = [
      org.conversationId,
      org.otherConversationId,
      org.teamId,
      org.otherTeamId,
      org.users.exec.id,
      org.agentId,
      spare.id,
      // Last in the list: a generated erase may remove it (and the conversations) mid-run.
      org.customerId,
    ];
    doc = (await (await app.request("/api/v1/openapi.json")).json()) as OpenApiDocument;
    arbs = new SchemaArbitraries(doc);
  });

  it("the document lists operations to fuzz", () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
  });

  function requestArbitrary(path: string, method: string, op: Operation): fc.Arbitrary<Sent> {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === "path");
    const queryParams = params.filter((p) => p.in === "query");
    const idArb = fc.oneof(
      fc.constantFrom(...knownIds),
      fc.uuid(),
      fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== "")),
    );
    const pathArb = fc
      .tuple(...pathParams.map(() => idArb))
      .map((values) =>
        pathParams.reduce(
          (p, param, i) => p.replace(`{${param.name}}`, encodePathSegment(String(values[i]))),
          path,
        ),
      );
    const queryArb = fc.record(
      Object.fromEntries(queryParams.map((p) => [p.name, arbs.valueOf(p.schema)])),
      { requiredKeys: [] },
    );
    const content = op.requestBody?.content ?? {};
    const jsonSchema = content["application/json"]?.schema;
    const bodyArb: fc.Arbitrary<{ contentType?: string; body?: string }> = jsonSchema
      ? fc.oneof(
          {
            weight: 9,
            arbitrary: arbs
              .valueOf(jsonSchema)
              .map((v) => ({ contentType: "application/json", body: JSON.stringify(v) ?? "null" })),
          },
          {
            weight: 1,
            arbitrary: fc
              .string({ maxLength: 50 })
              .map((body) => ({ contentType: "application/json", body })),
          },
        )
      : content["message/rfc822"]
        ? mimeArbitrary.map((body) => ({ contentType: "message/rfc822", body }))
        : fc.constant({});
    return fc.tuple(pathArb, queryArb, bodyArb).map(([p, query, body]) => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(query))
        search.set(k, typeof v === "string" ? v : JSON.stringify(v));
      const qs = search.toString();
      return { method: method.toUpperCase(), url: qs ? `${p}?${qs}` : p, ...body };
    });
  }

  async function send(sent: Sent, route: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (sent.contentType) headers["content-type"] = sent.contentType;
    // Logging out would end the session every other operation uses; it is sent without one.
    if (route.endsWith("/webhooks/{sourceId}") || route.endsWith("/auth/logout"))
      return app.request(sent.url, { method: sent.method, headers, body: sent.body ?? null });
    return app.request(sent.url, {
      method: sent.method,
      headers: { ...headers, cookie: admin.cookie, "x-csrf-token": admin.csrfToken },
      body: sent.body ?? null,
    });
  }

  it("no generated request answers 5xx, and every 4xx has the error envelope", async () => {
    const failures: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const route = `${method.toUpperCase()} ${path}`;
        // Without parameters or a body every run sends the same request: two runs (a repeated call)
        // say all that RUNS copies would, and GET /instance/backup alone costs a second a copy.
        const generated = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
        await fc
          .assert(
            fc.asyncProperty(requestArbitrary(path, method, op), async (sent) => {
              const res = await send(sent, route);
              const text = await res.text();
              if (res.status >= 500) {
                failures.push(`${route}: ${res.status} for ${JSON.stringify(sent).slice(0, 300)}`);
                return false;
              }
              if (res.status >= 400) {
                let body: unknown;
                try {
                  body = JSON.parse(text);
                } catch {
                  body = null;
                }
                if (!ErrorEnvelope.check(body)) {
                  failures.push(
                    `${route}: ${res.status} without the envelope: ${text.slice(0, 200)}`,
                  );
                  return false;
                }
              }
              return true;
            }),
            { numRuns: generated ? RUNS : Math.min(RUNS, 2), endOnFailure: true },
          )
          .catch((err: unknown) => {
            failures.push(`${route}: ${String(err).slice(0, 500)}`);
          });
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
