import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliEnvironment, runCli, startServe, type ServeProcess } from "../../test/cli.ts";
import { controlSocketPath } from "./control.ts";

const FIXTURES = path.resolve("src/domains/imports/fixtures");

// The embedded database only: on PostgreSQL every command opens the database itself (src/cli/cli.test.ts).
describe("rapport CLI beside a running `rapport serve` [pglite]", { timeout: 180_000 }, () => {
  let env: Record<string, string> = {};
  let dir = "";
  let cleanup = async () => {};
  let server: ServeProcess | undefined;
  const run = (args: string[], extra: Record<string, string> = {}) =>
    runCli(args, { ...env, ...extra }, dir);
  /** How many commands the server ran for a CLI, from its log. */
  const commandsServed = () =>
    (server?.output().match(/"running a command for the CLI"/g) ?? []).length;

  beforeAll(async () => {
    ({ env, dir, cleanup } = await createCliEnvironment("pglite", "serve-cli"));
    const socket = controlSocketPath(env.RAPPORT_DATA_DIR!);
    server = await startServe(env, () => fs.existsSync(socket));
  }, 170_000);
  afterAll(async () => {
    await server?.stop();
    await cleanup();
  });

  it("lets only the server's user reach the control socket", () => {
    const socket = controlSocketPath(env.RAPPORT_DATA_DIR!);
    expect(fs.statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(socket).mode & 0o777).toBe(0o600);
  });

  it("runs migrate, org create, user create and apikey create in the server, printing what a direct run prints", async () => {
    const migrate = await run(["migrate"]);
    expect(migrate).toEqual({ code: 0, stdout: "migrations applied (pglite)\n", stderr: "" });
    const org = await run(["org", "create", "--slug", "acme", "--name", "Acme"]);
    expect(org.code).toBe(0);
    expect(org.stdout).toMatch(/^created organization acme \([0-9a-f-]{36}\)\n$/);
    const user = await run([
      "user",
      "create",
      "--org",
      "acme",
      "--email",
      "lead@example.test",
      "--role",
      "leader",
    ]);
    expect(user.code).toBe(0);
    expect(user.stdout).toMatch(/^created leader lead@example\.test in acme\npassword: \S{12,}\n$/);
    const key = await run(["apikey", "create", "--org", "acme", "--scopes", "ingest,read"]);
    expect(key).toMatchObject({ code: 0, stderr: "" });
    expect(key.stdout).toMatch(/^rpk_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}\n$/);
    // Four commands, and the server (not a second process) ran each one.
    expect(commandsServed()).toBe(4);

    const res = await fetch(`${server!.url}/api/v1/conversations`, {
      headers: { authorization: `Bearer ${key.stdout.trim()}` },
    });
    expect(res.status).toBe(200);
  });

  it("passes RAPPORT_PASSWORD to the server: the user signs in with it", async () => {
    const password = "a-long-enough-password";
    const user = await run(
      ["user", "create", "--org", "acme", "--email", "qa@example.test", "--role", "qa"],
      { RAPPORT_PASSWORD: password },
    );
    expect(user).toEqual({ code: 0, stdout: "created qa qa@example.test in acme\n", stderr: "" });
    const login = await fetch(`${server!.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "qa@example.test", password }),
    });
    expect(login.status).toBe(200);
  });

  it("imports a file named relative to the CLI's directory, with the same summary and exit code", async () => {
    fs.copyFileSync(path.join(FIXTURES, "zendesk-export.json"), path.join(dir, "tickets.json"));
    const first = await run(["import", "zendesk", "tickets.json", "--org", "acme", "--batch", "2"]);
    expect(first.stdout).toBe("imported 3, updated 0, unchanged 0, rejected 1\n");
    expect(first.stderr).toContain("rejected records: tickets.json.rejects.jsonl");
    expect(first.code).toBe(1);
    expect(fs.existsSync(path.join(dir, "tickets.json.rejects.jsonl"))).toBe(true);
    const missing = await run(["import", "zendesk", "nothing.json", "--org", "acme"]);
    expect(missing).toEqual({
      code: 2,
      stdout: "",
      stderr: "rapport import: nothing.json: no such file\n",
    });
  });

  it("seeds the demo and reanalyses in the server", async () => {
    const demo = await run(["demo", "--conversations", "20", "--days", "3"]);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(
      /^seeded 20 conversations and \d+ messages in [\d.]+ s beside existing organizations\n/,
    );
    expect(demo.stdout).toContain("admin@demo.rapport.local");
    const reanalyze = await run(["reanalyze", "--org", "demo", "--enqueue-only"]);
    expect(reanalyze.code).toBe(0);
    expect(reanalyze.stdout).toMatch(
      /^(queued \d+ conversations for the workers|nothing to do: .*)\n$/,
    );
  });

  it("reports errors as a direct run does, and the server keeps serving", async () => {
    const noOrg = await run(["apikey", "create", "--org", "nope", "--scopes", "read"]);
    expect(noOrg).toEqual({
      code: 1,
      stdout: "",
      stderr: "rapport: No organization with slug 'nope'\n",
    });
    const duplicate = await run(["org", "create", "--slug", "acme", "--name", "Again"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/^rapport: /);
    expect((await fetch(`${server!.url}/healthz`)).status).toBe(200);
  });
});
