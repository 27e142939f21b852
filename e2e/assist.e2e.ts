import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveClient } from "../src/ws/test-client.ts";
import { expectNoAxeViolations } from "./axe.ts";
import {
  browserSkipReason,
  launchBrowser,
  signInAsDemoAdmin,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from "./harness.ts";

const skipReason = browserSkipReason();
const CALL_ID = `e2e-call-${Date.now()}`;

/** Calls the API from the signed-in page, with the session's CSRF token. */
async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, path, body },
  );
}

const UTTERANCES: ["customer" | "agent", string][] = [
  ["customer", "Hi, you charged me twice for my order and I want my money back."],
  ["agent", "I see the two payments on your account."],
  ["customer", "Honestly I'm ready to cancel my subscription over this."],
  ["agent", "I'm sorry, but that's our policy, refunds wait for the billing run."],
  ["customer", "So when do I get the refund for the double charge?"],
];

describe.skipIf(skipReason !== null)(
  "assist journey: a live call in the agent panel, then on the wallboard",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;
    let platform: LiveClient;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signInAsDemoAdmin(page, server.url);
      const { key } = await callApi<{ key: string }>(page, "POST", "/api-keys", {
        name: "e2e platform",
        scopes: ["ingest", "read"],
      });
      platform = await LiveClient.connect(`${server.url.replace("http", "ws")}/api/v1/live`, {
        authorization: `Bearer ${key}`,
      });
    }, 300_000);

    afterAll(async () => {
      platform?.close();
      await browser?.close();
      await server?.stop();
    });

    it("shows the streamed call with a framing nudge, a knowledge card and an action with reasons", async () => {
      await page.goto(`${server.url}/assist/${CALL_ID}`);
      await page.getByRole("heading", { name: "Live assist" }).waitFor();
      platform.send({
        type: "start",
        callId: CALL_ID,
        customer: { externalId: "e2e-customer", name: "Pat Example" },
        agent: { externalId: "e2e-agent", name: "Ada Agent" },
      });
      await platform.next((f) => f.type === "started", "started");
      // The panel subscribes once the call exists; give it the first utterance after that.
      await page.getByText("Live", { exact: true }).waitFor({ timeout: 15_000 });
      let offset = 0;
      for (const [speaker, text] of UTTERANCES) {
        platform.send({
          type: "utterance",
          callId: CALL_ID,
          speaker,
          text,
          startOffset: offset,
          endOffset: offset + 3,
        });
        offset += 4;
      }
      const transcript = page.getByRole("region", { name: "Transcript" });
      await transcript.getByText("that's our policy").waitFor({ timeout: 15_000 });

      const nudges = page.getByRole("region", { name: "Framing nudges" });
      await nudges.getByText(/Policy framing in “that's our policy”/).waitFor({ timeout: 15_000 });
      await expect.poll(() => nudges.innerText()).toMatch(/What I can do for you is/);

      const knowledge = page.getByRole("region", { name: "Knowledge" });
      await knowledge.getByText("Refund a double charge").waitFor();
      await expect.poll(() => knowledge.innerText()).toMatch(/duplicate/i);

      const actions = page.getByRole("region", { name: "Next best actions" });
      await actions.getByText(/Offer 10% off/).waitFor();
      await expect.poll(() => actions.innerText()).toMatch(/Why: churn threat/);
      await expect
        .poll(() => page.getByRole("region", { name: "Alerts" }).innerText())
        .toMatch(/Churn threat/);
      await expectNoAxeViolations(page, "the live assist panel");

      await actions.getByRole("button", { name: /^Used: Offer 10% off/ }).click();
      await actions.getByText("used", { exact: true }).waitFor();
    });

    it("lists the call on the supervisor wallboard, ranked with its alerts", async () => {
      await page.goto(`${server.url}/wallboard`);
      const table = page.getByRole("table", { name: "Live conversations by risk" });
      await table.waitFor({ timeout: 30_000 });
      const row = table.getByRole("row", { name: new RegExp(CALL_ID) });
      await row.waitFor({ timeout: 30_000 });
      // textContent: the badge shows the words in capitals through CSS only.
      await expect.poll(() => row.textContent()).toMatch(/Churn threat/);
      await expectNoAxeViolations(page, "the wallboard");
      await row.getByRole("button", { name: /Request to join/ }).click();
      await row.getByRole("button", { name: /^Requested to join/ }).waitFor();

      // The agent's panel shows the request.
      await page.goto(`${server.url}/assist/${CALL_ID}`);
      await page.getByText("A supervisor asked to join").waitFor({ timeout: 15_000 });
    });
  },
);
