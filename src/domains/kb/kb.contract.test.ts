import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, withApiKey, type TestApp } from "../../../test/http.ts";
import { createApiKey } from "../orgs/index.ts";
import { searchKnowledge } from "./index.ts";

describeEachBackend("kb: the verification contract", ({ database }) => {
  let app: TestApp;
  let org: TestOrg;
  let writer: ReturnType<typeof withApiKey>;
  let reader: ReturnType<typeof withApiKey>;

  beforeAll(async () => {
    const db = database().db;
    app = buildTestApp(database());
    org = await buildOrg(db);
    const key = async (scopes: ("read" | "write")[]) =>
      withApiKey(app, (await createApiKey(db, org.orgId, { kind: "cli" }, "k", scopes)).key);
    writer = await key(["read", "write"]);
    reader = await key(["read"]);
  });

  it("creates an article with title and body (201, id) and finds its passage", async () => {
    const res = await writer("POST", "/api/v1/kb/articles", {
      title: "Refund a double charge",
      body: "Open the Billing tab first. Select the duplicate payment and choose Refund duplicate. Refunds reach the card in 3 to 5 days.",
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; title: string };
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const hits = await searchKnowledge(
      database().db,
      org.orgId,
      "hi, I was charged twice and want my money back, how do I get a refund?",
    );
    expect(hits[0]).toMatchObject({ articleId: created.id, title: "Refund a double charge" });
    expect(hits[0]!.snippet).toContain("Refund duplicate");
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
  });

  it("answers 400 for a missing body and 403 for a read-only key", async () => {
    const bad = await writer("POST", "/api/v1/kb/articles", { title: "No body" });
    expect(bad.status).toBe(400);
    const ro = await reader("POST", "/api/v1/kb/articles", { title: "t", body: "b" });
    expect(ro.status).toBe(403);
  });

  it("imports CSV, Markdown and HTML, and a second import updates instead of duplicating", async () => {
    const csv =
      'key,title,body,tags\nk1,Late parcel,"Offer a free redelivery when late.",delivery\n';
    const first = await writer("POST", "/api/v1/kb/import", {
      format: "csv",
      fileName: "a.csv",
      content: csv,
    });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ created: 1, updated: 0 });
    const again = await writer("POST", "/api/v1/kb/import", {
      format: "csv",
      fileName: "a.csv",
      content: csv,
    });
    expect(await again.json()).toMatchObject({ created: 0, updated: 1 });

    const md = await writer("POST", "/api/v1/kb/import", {
      format: "markdown",
      fileName: "reset.md",
      content: "# Reset a password\n\nSend the **reset link** from Account > Security.",
    });
    expect(md.status).toBe(201);
    const html = await writer("POST", "/api/v1/kb/import", {
      format: "html",
      fileName: "upgrade.html",
      content:
        "<html><head><title>Upgrade plan</title><script>alert(1)</script></head><body><p>Premium adds next-day delivery.</p></body></html>",
    });
    const { ids } = (await html.json()) as { ids: string[] };
    const article = (await (await reader("GET", `/api/v1/kb/articles/${ids[0]}`)).json()) as {
      title: string;
      body: string;
    };
    expect(article.title).toBe("Upgrade plan");
    expect(article.body).toContain("Premium adds next-day delivery.");
    expect(article.body).not.toContain("alert");

    const broken = await writer("POST", "/api/v1/kb/import", {
      format: "csv",
      fileName: "b.csv",
      content: "name\nx\n",
    });
    expect(broken.status).toBe(400);
    expect(await errorCode(broken)).toBe("IMPORT_FILE_INVALID");
  });

  it("keeps tenants apart", async () => {
    const other = await buildOrg(database().db);
    expect(await searchKnowledge(database().db, other.orgId, "refund double charge")).toEqual([]);
    const list = (await (await reader("GET", "/api/v1/kb/articles")).json()) as {
      items: { id: string }[];
    };
    const otherKey = withApiKey(
      app,
      (await createApiKey(database().db, other.orgId, { kind: "cli" }, "k", ["read"])).key,
    );
    const res = await otherKey("GET", `/api/v1/kb/articles/${list.items[0]!.id}`);
    expect(res.status).toBe(404);
  });
});
