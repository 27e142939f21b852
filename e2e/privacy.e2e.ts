import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserSkipReason,
  launchBrowser,
  signInAsDemoAdmin,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from "./harness.ts";

const skipReason = browserSkipReason();

describe.skipIf(skipReason !== null)(
  "privacy journey: an admin exports a customer's data, then erases the customer",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;
    let conversationUrl = "";

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signInAsDemoAdmin(page, server.url, "/login?next=/conversations");
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("downloads everything about the customer of a conversation as JSON", async () => {
      const table = page.getByRole("table", { name: "Conversations" });
      await table.getByRole("row").nth(1).getByRole("link").click();
      await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
      conversationUrl = page.url();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export customer data" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^customer-[0-9a-f-]{36}\.json$/);
      const file = await download.path();
      const data = JSON.parse(fs.readFileSync(file, "utf8")) as {
        conversations: { id: string }[];
      };
      const id = conversationUrl.split("/").at(-1);
      expect(data.conversations.map((c) => c.id)).toContain(id);
    });

    it("erases the customer after confirming; their conversation is gone", async () => {
      await page.getByRole("button", { name: "Erase customer…" }).click();
      const dialog = page.getByRole("dialog", { name: "Erase this customer?" });
      await dialog.getByRole("button", { name: "Erase customer" }).click();
      await page.waitForURL(/\/conversations$/);
      await page.goto(conversationUrl);
      await page.getByText("Conversation not found").waitFor();
    });
  },
);
