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
import { expectNoAxeViolations } from "./axe.ts";

const skipReason = browserSkipReason();

describe.skipIf(skipReason !== null)(
  "privacy journey: an admin exports a customer's data, erases the customer, and sets retention",
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

    it("keeps message text for 30 days: older transcripts lose their words, not their analysis", async () => {
      await page.goto(`${server.url}/settings/redaction`);
      const section = page.getByRole("region", { name: "Retention of message text" });
      await section.getByRole("switch", { name: "Delete message text after a period" }).check();
      const days = section.getByRole("textbox", { name: "Keep text for (days)" });
      await days.fill("30");
      await section.getByRole("button", { name: "Save retention" }).click();
      await section.getByText("Saved.").waitFor();
      await expectNoAxeViolations(page, "the retention settings");
      await section.getByRole("button", { name: "Apply now" }).click();
      const status = section.getByText(/^Deleted the text of \d+ messages/);
      await status.waitFor();
      expect(Number((await status.textContent())?.match(/\d+/)?.[0])).toBeGreaterThan(0);

      const to = new Date(Date.now() - 40 * 86_400_000).toISOString();
      const res = await page.request.get(`${server.url}/api/v1/conversations?limit=1&to=${to}`);
      const old = ((await res.json()) as { items: { id: string }[] }).items[0]!;
      await page.goto(`${server.url}/conversations/${old.id}`);
      await page
        .getByText(/^Text deleted on .+ retention period; its analysis is kept\.$/)
        .first()
        .waitFor();
      await expectNoAxeViolations(page, "a transcript past the retention period");
    });
  },
);
