import { beforeAll, describe, expect, it } from "vitest";
import { describeEachBackend } from "../test/db.ts";
import { buildOrg, type TestOrg } from "../test/factories.ts";
import { buildTestApp, errorCode, loginAs, type Session, type TestApp } from "../test/http.ts";

describeEachBackend("createApp", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let admin: Session;

  beforeAll(async () => {
    app = buildTestApp(database(), { bodyLimitBytes: 4096 });
    org = await buildOrg(database().db);
    admin = await loginAs(app, org.users.admin.email);
  });

  it("answers /healthz", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("publishes an OpenAPI 3.1 document generated from the schemas", async () => {
    const res = await app.request("/api/v1/openapi.json");
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/conversations/{id}");
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Error", "ConversationPage", "CreateUserBody"]),
    );
  });

  it("serves a browsable API reference", async () => {
    const page = await app.request("/api/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/docs/assets/swagger-ui-bundle.js");
    const asset = await app.request("/api/docs/assets/swagger-ui-bundle.js");
    expect(asset.status).toBe(200);
  });

  it("layers the accessibility stylesheet over Swagger UI's own", async () => {
    const html = await (await app.request("/api/docs")).text();
    expect(html.indexOf("/api/docs/a11y.css")).toBeGreaterThan(html.indexOf("swagger-ui.css"));
    const css = await app.request("/api/docs/a11y.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toContain("text/css");
    expect(await css.text()).toContain(".opblock-summary-method");
    const init = await (await app.request("/api/docs/init.js")).text();
    expect(init).toContain("deepLinking: false");
  });

  it("forbids framing, <base> and foreign form targets in its Content-Security-Policy", async () => {
    const csp = (await app.request("/healthz")).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("default-src 'self'");
  });

  it("gives every response a request id, and error bodies repeat it", async () => {
    const res = await app.request("/api/v1/nope");
    expect(res.status).toBe(404);
    const id = res.headers.get("x-request-id");
    expect(id).toBeTruthy();
    const body = (await res.json()) as { error: { code: string }; requestId: string };
    expect(body).toMatchObject({ error: { code: "NOT_FOUND" }, requestId: id });
  });

  describe("bad input", () => {
    it("rejects malformed JSON with 400 naming the body", async () => {
      const res = await app.request("/api/v1/teams", {
        method: "POST",
        headers: {
          cookie: admin.cookie,
          "x-csrf-token": admin.csrfToken,
          "content-type": "application/json",
        },
        body: '{"name": ',
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("MALFORMED_JSON");
      expect(body.error.message).toMatch(/^body/);
    });

    it("rejects a wrong type with 400 naming the field", async () => {
      const res = await admin.request("POST", "/api/v1/api-keys", { name: "k", scopes: "read" });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.message).toContain("body.scopes");
    });

    it("rejects unknown fields with 400 naming them", async () => {
      const res = await admin.request("POST", "/api/v1/teams", { name: "Ok", colour: "red" });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        "colour",
      );
    });

    it("rejects a bad enum value in the query with 400 naming it", async () => {
      const res = await admin.request("GET", "/api/v1/conversations?channel=pigeon");
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        "query.channel",
      );
    });

    it("rejects an oversize body with 413 and stores nothing", async () => {
      const res = await admin.request("POST", "/api/v1/teams", { name: "x".repeat(10_000) });
      expect(res.status).toBe(413);
      expect(await errorCode(res)).toBe("PAYLOAD_TOO_LARGE");
      const teams = (await (await admin.request("GET", "/api/v1/teams")).json()) as {
        items: { name: string }[];
      };
      expect(teams.items.every((t) => t.name.length < 100)).toBe(true);
    });

    it("answers 401 for an unknown API key and 401 for a malformed Authorization header", async () => {
      const unknown = await app.request("/api/v1/teams", {
        headers: { authorization: "Bearer rpk_00000000_nope" },
      });
      expect(unknown.status).toBe(401);
      const malformed = await app.request("/api/v1/teams", {
        headers: { authorization: "Basic abc" },
      });
      expect(malformed.status).toBe(401);
    });
  });
});
