import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./axe.ts";
import {
  browserSkipReason,
  launchBrowser,
  openFirstConversationWith,
  signInAsDemoAdmin,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from "./harness.ts";

const skipReason = browserSkipReason();
const ROOT = path.resolve(import.meta.dirname, "..");
const REPLY = "The customer's order was late; the agent apologised and promised a refund today.";

/** Starts the fake language model in its own process and reads the URL it prints. */
function startFakeLlmProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/fake-llm-process.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve({ url: line.trim(), child });
    });
    child.once("exit", (code) => reject(new Error(`fake language model exited (${code})`)));
  });
}

/** Calls the API from the signed-in page, with the session's CSRF token. */
async function callApi(page: Page, method: string, apiPath: string, body?: unknown) {
  return page.evaluate(
    async ({ method, apiPath, body }) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${apiPath}`, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${apiPath}: ${res.status} ${await res.text()}`);
      return (await res.json()) as unknown;
    },
    { method, apiPath, body },
  );
}

describe.skipIf(skipReason !== null)("wrap-up summary from a language model", () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  let page: Page;
  let llm: { url: string; child: ChildProcess };

  beforeAll(async () => {
    llm = await startFakeLlmProcess();
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await signInAsDemoAdmin(page, server.url, "/login?next=%2Fsettings%2Fredaction");
    await page.waitForURL(/\/settings\/redaction$/);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    llm?.child.kill();
  });

  it("shows the language model settings card to the admin", async () => {
    await page.getByRole("heading", { name: "Language model" }).waitFor();
    await expect(
      page.getByRole("switch", { name: /Use a language model/ }).isChecked(),
    ).resolves.toBe(false);
    await expectNoAxeViolations(page, "the redaction and language model settings");
  });

  it("summarises a conversation with the configured model, then falls back when it is down", async () => {
    await callApi(page, "PUT", "/settings/llm", {
      enabled: true,
      url: llm.url,
      model: "e2e-model",
      apiKey: "sk-e2e",
    });
    await page.goto(`${server.url}/conversations`);
    const table = page.getByRole("table", { name: "Conversations" });
    await table.getByRole("link").first().waitFor();
    await openFirstConversationWith(table, 3);
    await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Summarise" }).click();
    const summary = page.getByRole("status", { name: "Summary" });
    await summary.getByText(REPLY).waitFor();
    await summary.getByText("Language model: e2e-model").waitFor();
    await expectNoAxeViolations(page, "a conversation with its wrap-up summary");

    llm.child.kill();
    await page.getByRole("button", { name: "Summarise" }).click();
    await summary.getByText("Extractive").waitFor();
    await summary.getByText(/because the language model could not answer/).waitFor();
  });
});
