import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LiveClient } from "../src/ws/test-client.ts";
import { expectNoAxeViolations } from "./axe.ts";
import {
  browserSkipReason,
  callApi,
  launchBrowser,
  openFirstConversationWith,
  signInAsDemoAdmin,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from "./harness.ts";

const skipReason = browserSkipReason();
const ROOT = path.resolve(import.meta.dirname, "..");
const CALL_ID = `e2e-call-${Date.now()}`;
const ARTICLE = "Returning a damaged item";
const REPLY = "The customer's order was late; the agent apologised and promised a refund today.";

const UTTERANCES: ["customer" | "agent", string][] = [
  ["customer", "Hi, you charged me twice for my order and I want my money back."],
  ["agent", "I see the two payments on your account."],
  ["customer", "Honestly I'm ready to cancel my subscription over this."],
  ["agent", "I'm sorry, but that's our policy, refunds wait for the billing run."],
  ["customer", "So when do I get the refund for the double charge?"],
];

// The server-side tsconfig has no DOM library: what the focus checks touch in the page.
interface InPageNode {
  getRootNode(): { activeElement: unknown };
}
/** True when `el` has the focus inside its (shadow) root. */
const isFocused = (el: unknown) => (el as InPageNode).getRootNode().activeElement === el;

/** A shop's page on another origin than Rapport, with the one-line install snippet. */
function startShop(appUrl: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test shop</title></head>
<body><main><h1>Test shop</h1><p>Kettles, blenders and toasters.</p></main>
<script src="${appUrl}/widget.js" data-org="demo" async></script></body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        // The browser keeps its connection open: close it, or close() waits for it to time out.
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

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

/**
 * Issue 14's journeys on one server (each start costs half a minute): a live call in the agent
 * panel and on the wallboard, then the chat widget and its handoff, then the language model. In
 * that order: the widget's knowledge article and the model settings would change what comes before.
 */
describe.skipIf(skipReason !== null)("live assist journeys (issue 14)", () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  /** The demo admin's page: agent, supervisor and settings in turn. */
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await signInAsDemoAdmin(page, server.url);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe("a live call in the agent panel, then on the wallboard", () => {
    let platform: LiveClient;

    beforeAll(async () => {
      const { key } = await callApi<{ key: string }>(page, "POST", "/api-keys", {
        name: "e2e platform",
        scopes: ["ingest", "read"],
      });
      platform = await LiveClient.connect(`${server.url.replace("http", "ws")}/api/v1/live`, {
        authorization: `Bearer ${key}`,
      });
    });

    afterAll(() => platform?.close());

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

      // A colleague's curated conversation on the criterion the nudge is about.
      const practices = page.getByRole("region", { name: "Best practices" });
      await practices.getByText("Explains instead of citing policy").first().waitFor();
      await practices.getByRole("link", { name: /More on explains instead/ }).waitFor();

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

      // The agent's panel, opened again mid-call, shows what was said so far and the request.
      await page.goto(`${server.url}/assist/${CALL_ID}`);
      const transcript = page.getByRole("region", { name: "Transcript" });
      await transcript.getByText("that's our policy").waitFor({ timeout: 15_000 });
      await page.getByText("A supervisor asked to join").waitFor({ timeout: 15_000 });
    });

    it("edits a rule's conditions in the rules form", async () => {
      await page.goto(`${server.url}/assist-library`);
      const rule = "Gold customer upgrade";
      await page.getByRole("button", { name: `Edit conditions of ${rule}` }).click();
      const dialog = page.getByRole("dialog", { name: `Conditions of ${rule}` });
      await dialog.getByRole("button", { name: "Add condition" }).click();
      await dialog.getByLabel("Condition 3", { exact: true }).click();
      await page.getByRole("option", { name: "Customer value at least" }).click();
      const value = dialog.getByLabel("Value of condition 3", { exact: true });
      await value.fill("lots");
      await dialog.getByRole("button", { name: "Save conditions" }).click();
      await dialog.getByText("Customer value at least: enter a number").waitFor();
      await value.fill("1000");
      await dialog.getByRole("button", { name: "Save conditions" }).click();
      await dialog.waitFor({ state: "hidden" });
      const row = page
        .getByRole("table", { name: "Next-best-action rules" })
        .getByRole("row", { name: new RegExp(rule) });
      await expect.poll(() => row.textContent()).toMatch(/Customer value at least 1000/);
    });
  });

  describe("widget: visitor → bot answer from an article → human → agent takes it with the whole context", () => {
    let shop: { origin: string; close: () => Promise<void> };
    let visitorPage: Page;
    /** Failed requests and console errors on the visitor's page, printed when a step fails. */
    const visitorTrouble: string[] = [];

    beforeAll(async () => {
      shop = await startShop(server.url);
      const settings = await callApi<{ allowedOrigins: string[] }>(page, "GET", "/widget-settings");
      await callApi(page, "PUT", "/widget-settings", {
        ...settings,
        allowedOrigins: [...settings.allowedOrigins, shop.origin],
      });
      await callApi(page, "POST", "/kb/articles", {
        title: ARTICLE,
        body:
          "If an item arrives damaged, you can return it within 30 days for a full refund. " +
          "Start the return from your orders page and print the free returns label.",
      });
      visitorPage = await browser.context.newPage();
      visitorPage.on("response", (r) => {
        if (r.status() >= 400)
          visitorTrouble.push(`${r.status()} ${r.request().method()} ${r.url()}`);
      });
      visitorPage.on("console", (m) => {
        if (m.type() === "error") visitorTrouble.push(`console: ${m.text()}`);
      });
    });

    afterEach((ctx) => {
      if (ctx.task.result?.state === "fail")
        console.error(`the visitor's page saw:\n${visitorTrouble.join("\n") || "(no errors)"}`);
    });

    afterAll(async () => {
      await visitorPage?.close();
      await shop?.close();
    });

    it("a visitor on another website chats with the bot, which answers from the article", async () => {
      await visitorPage.goto(shop.origin);
      // The visitor types before the chat has connected: the message waits for the connection.
      await visitorPage.route("**/widget/sessions", async (route) => {
        await new Promise((r) => setTimeout(r, 1_500));
        await route.continue();
      });
      const launcher = visitorPage.getByRole("button", { name: "Chat with us" });
      await launcher.click();
      const dialog = visitorPage.getByRole("dialog", { name: "Chat with us" });
      await dialog.waitFor();
      const input = dialog.getByRole("textbox", { name: "Your message" });
      expect(await input.evaluate(isFocused)).toBe(true);
      await input.fill("My kettle arrived damaged, how do I return it?");
      await input.press("Enter");
      const log = dialog.getByRole("log", { name: "Messages" });
      await log.getByText(/From our help article “Returning a damaged item”/).waitFor();
      await log.getByText(ARTICLE, { exact: true }).waitFor();
      await visitorPage.unroute("**/widget/sessions");
      await expectNoAxeViolations(visitorPage, "the test shop with the chat widget open");

      // Escape closes the chat and gives the focus back to the launcher; it reopens on Enter.
      await input.press("Escape");
      expect(await launcher.evaluate(isFocused)).toBe(true);
      await launcher.press("Enter");
      await dialog.waitFor();
    });

    it("the visitor asks for a human; an agent takes the chat in the inbox with its whole context", async () => {
      const dialog = visitorPage.getByRole("dialog", { name: "Chat with us" });
      await dialog
        .getByRole("textbox", { name: "Your message" })
        .fill("Can I talk to a human, please?");
      await dialog.getByRole("button", { name: "Send" }).click();
      await dialog.getByText(/passing you to a person/).waitFor();

      await page.goto(`${server.url}/inbox`);
      const chats = page.getByRole("navigation", { name: "Chats" });
      await chats.getByRole("button", { name: /Can I talk to a human, please\?/ }).click();
      const context = page.getByLabel("Chat context");
      await context.getByText("Customer asked for a person").waitFor();
      await context.getByText("My kettle arrived damaged, how do I return it?").first().waitFor();
      await context.getByText(/Topic: Returning a damaged item/).waitFor();
      await context.getByRole("cell", { name: /Returning a damaged item \(\d\.\d\d\)/ }).waitFor();
      await context.getByRole("heading", { name: "Customer history" }).waitFor();
      await context.getByRole("button", { name: "Take conversation" }).click();
      await context.getByRole("heading", { name: /^With / }).waitFor();
      await expectNoAxeViolations(page, "the inbox with a chat open");
    });

    it('the agent writes "that\'s our policy": a framing nudge appears, and the reply reaches the widget', async () => {
      const context = page.getByLabel("Chat context");
      await context
        .getByRole("textbox", { name: "Reply to the customer" })
        .fill(
          "Sorry about the kettle. I'm afraid that's our policy, but I've started the return for you.",
        );
      await context.getByRole("button", { name: "Send reply" }).click();
      // The live assist panel keeps helping after the handoff: "that's our policy" gets a nudge.
      const nudges = context.getByRole("region", { name: "Framing nudges" });
      await nudges
        .getByText(/^Try: /)
        .first()
        .waitFor({ timeout: 15_000 });
      const log = visitorPage.getByRole("log", { name: "Messages" });
      await log.getByText(/I've started the return for you/).waitFor({ timeout: 15_000 });
      await expectNoAxeViolations(visitorPage, "the chat widget with the agent's reply");
    });
  });

  describe("wrap-up summary from a language model", () => {
    let llm: { url: string; child: ChildProcess };

    beforeAll(async () => {
      llm = await startFakeLlmProcess();
    });

    afterAll(() => {
      llm?.child.kill();
    });

    it("shows the language model settings card to the admin", async () => {
      await page.goto(`${server.url}/settings/redaction`);
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
});
