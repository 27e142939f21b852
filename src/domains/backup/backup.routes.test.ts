import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../db/client.ts";
import { createTestDatabase, describeEachBackend } from "../../../test/db.ts";
import { buildOrg, type TestOrg } from "../../../test/factories.ts";
import { buildTestApp, errorCode, loginAs, type TestApp } from "../../../test/http.ts";
import { writeSetupToken } from "./setup-token.ts";

describeEachBackend("backup and restore over HTTP", ({ database, kind }) => {
  let app: TestApp;
  let first: TestOrg;
  let second: TestOrg;
  let backup = "";
  let empty: Database;
  let fresh: TestApp;
  const tokenFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "rapport-setup-")),
    "setup-token",
  );

  beforeAll(async () => {
    app = buildTestApp(database());
    first = await buildOrg(database().db);
    second = await buildOrg(database().db);
    empty = await createTestDatabase(kind);
    writeSetupToken(tokenFile);
    fresh = buildTestApp(empty, { config: { setupTokenFile: tokenFile } });
  });
  afterAll(async () => {
    await empty?.close();
  });

  it("lets the first organization's admin download every row, and no one else", async () => {
    const operator = await loginAs(app, first.users.admin.email);
    expect(await (await operator.request("GET", "/api/v1/instance")).json()).toEqual({
      operator: true,
    });
    const res = await operator.request("GET", "/api/v1/instance/backup");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="rapport-.+\.backup\.jsonl"$/,
    );
    backup = await res.text();
    const header = JSON.parse(backup.split("\n")[0]!) as { rapportBackup: number };
    expect(header.rapportBackup).toBe(1);
    expect(backup).toContain(second.users.admin.email);

    const otherAdmin = await loginAs(app, second.users.admin.email);
    expect(await (await otherAdmin.request("GET", "/api/v1/instance")).json()).toEqual({
      operator: false,
    });
    const refused = await otherAdmin.request("GET", "/api/v1/instance/backup");
    expect(refused.status).toBe(403);
    // RAPPORT_OPERATOR_EMAILS names the operators instead.
    const listed = buildTestApp(database(), {
      config: { operatorEmails: [second.users.admin.email.toLowerCase()] },
    });
    const viaList = await loginAs(listed, second.users.admin.email);
    expect((await viaList.request("GET", "/api/v1/instance/backup")).status).toBe(200);
    const unlisted = await loginAs(listed, first.users.admin.email);
    expect((await unlisted.request("GET", "/api/v1/instance/backup")).status).toBe(403);
  });

  const upload = (body: string, token?: string) =>
    fresh.request("/api/v1/setup/restore", {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        ...(token === undefined ? {} : { "x-setup-token": token }),
      },
      body,
    });

  it("refuses a restore without the setup token, or of a broken file, and stays empty", async () => {
    const token = fs.readFileSync(tokenFile, "utf8").trim();
    expect((await upload(backup)).status).toBe(403);
    expect((await upload(backup, "not-the-token")).status).toBe(403);
    for (const broken of ["not json", backup.split("\n").slice(0, -3).join("\n")]) {
      const res = await upload(broken, token);
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe("VALIDATION_FAILED");
    }
    expect(await (await fresh.request("/api/v1/setup")).json()).toEqual({ needsSetup: true });
  });

  it("restores into an instance with no organization, once; its users sign in", async () => {
    const token = fs.readFileSync(tokenFile, "utf8").trim();
    const res = await upload(backup, token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rows: number }).rows).toBeGreaterThan(10);
    expect(fs.existsSync(tokenFile)).toBe(false);
    expect(await (await fresh.request("/api/v1/setup")).json()).toEqual({ needsSetup: false });
    expect((await upload(backup, token)).status).toBe(409);
    const admin = await loginAs(fresh, second.users.admin.email);
    const list = await admin.request("GET", "/api/v1/conversations");
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(2);
  });
});
