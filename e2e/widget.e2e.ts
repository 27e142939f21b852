import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const ARTICLE = "Returning a damaged item";

// The server-side tsconfig has no DOM library: what the focus checks touch in the page.
interface InPageNode {
  getRootNode(): { activeElement: unknown };
}
/** True when `el` has the focus inside its (shadow) root. */
const isFocused = (el: unknown) => (el as InPageNode).getRootNode().activeElement === el;

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
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

describe.skipIf(skipReason !== null)(
  "widget journey: visitor → bot answer from an article → human → agent takes it with the whole context",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let shop: { origin: string; close: () => Promise<void> };
    let agentPage: Page;
    let visitorPage: Page;

    beforeAll(async () => {
      server = await startServer();
      shop = await startShop(server.url);
      browser = await launchBrowser();
      agentPage = await browser.context.newPage();
      await signInAsDemoAdmin(agentPage, server.url, "/login?next=%2Finbox");
      await agentPage.waitForURL(/\/inbox$/);
      const settings = await callApi<{ allowedOrigins: string[] }>(
        agentPage,
        "GET",
        "/widget-settings",
      );
      await callApi(agentPage, "PUT", "/widget-settings", {
        ...settings,
        allowedOrigins: [...settings.allowedOrigins, shop.origin],
      });
      await callApi(agentPage, "POST", "/kb/articles", {
        title: ARTICLE,
        body:
          "If an item arrives damaged, you can return it within 30 days for a full refund. " +
          "Start the return from your orders page and print the free returns label.",
      });
      visitorPage = await browser.context.newPage();
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await shop?.close();
      await server?.stop();
    });

    it("a visitor on another website chats with the bot, which answers from the article", async () => {
      await visitorPage.goto(shop.origin);
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

      await agentPage.goto(`${server.url}/inbox`);
      const chats = agentPage.getByRole("navigation", { name: "Chats" });
      await chats.getByRole("button", { name: /Can I talk to a human, please\?/ }).click();
      const context = agentPage.getByLabel("Chat context");
      await context.getByText("Customer asked for a person").waitFor();
      await context.getByText("My kettle arrived damaged, how do I return it?").first().waitFor();
      await context.getByText(/Topic: Returning a damaged item/).waitFor();
      await context.getByRole("cell", { name: /Returning a damaged item \(\d\.\d\d\)/ }).waitFor();
      await context.getByRole("heading", { name: "Customer history" }).waitFor();
      await context.getByRole("button", { name: "Take conversation" }).click();
      await context.getByRole("heading", { name: /^With / }).waitFor();
      await expectNoAxeViolations(agentPage, "the inbox with a chat open");
    });

    it('the agent writes "that\'s our policy": a framing nudge appears, and the reply reaches the widget', async () => {
      const context = agentPage.getByLabel("Chat context");
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
  },
);
