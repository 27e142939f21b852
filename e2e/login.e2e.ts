import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./axe.ts";
import {
  DEMO_ADMIN,
  browserSkipReason,
  launchBrowser,
  openFirstConversationWith,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from "./harness.ts";

const skipReason = browserSkipReason();

describe.skipIf(skipReason !== null)("sign-in journey: a team lead reviews a conversation", () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("rejects a wrong password with a clear message", async () => {
    await page.goto(`${server.url}/conversations`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel("Email").waitFor();
    await expectNoAxeViolations(page, "the login page");
    await page.getByLabel("Email").fill(DEMO_ADMIN.email);
    await page.getByRole("textbox", { name: "Password", exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "incorrect" });
    await alert.waitFor();
    expect(await alert.innerText()).toContain("The email or password is incorrect.");
    await expectNoAxeViolations(page, "the login page with its error");
  });

  it("signs in as the demo admin and lands where it was going", async () => {
    await page.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/conversations$/);
    await page.getByRole("button", { name: /Account menu for/ }).waitFor();
    // Admin navigation includes every section.
    for (const name of [
      "Dashboard",
      "Conversations",
      "Users",
      "Teams",
      "API keys",
      "Redaction",
      "Mailboxes",
      "Webhook sources",
      "Backup",
    ]) {
      expect(await page.getByRole("link", { name, exact: true }).count()).toBe(1);
    }
  });

  it("lists demo conversations", async () => {
    const table = page.getByRole("table", { name: "Conversations" });
    await table.waitFor();
    await expect
      .poll(() => table.getByRole("row").count(), { timeout: 30_000 })
      .toBeGreaterThan(10);
    expect(await page.getByRole("button", { name: "Previous" }).isEnabled()).toBe(false);
    await expectNoAxeViolations(page, "the conversations list");
  });

  it("pages with Next and Previous through opaque cursors", async () => {
    const firstLink = page.getByRole("table", { name: "Conversations" }).getByRole("link").first();
    const firstPageTop = await firstLink.getAttribute("href");
    await page.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(/cursor=/);
    await expect
      .poll(() => firstLink.getAttribute("href"), { timeout: 30_000 })
      .not.toBe(firstPageTop);
    await expect.poll(() => page.getByRole("button", { name: "Previous" }).isEnabled()).toBe(true);
    await page.getByRole("button", { name: "Previous" }).click();
    await expect.poll(() => firstLink.getAttribute("href"), { timeout: 30_000 }).toBe(firstPageTop);
  });

  it("filters by channel, with the filter in the shareable URL", async () => {
    await page.getByRole("combobox", { name: "Channel" }).click();
    await page.getByRole("option", { name: "Chat" }).waitFor();
    await expectNoAxeViolations(page, "the conversations list with the channel options open");
    await page.getByRole("option", { name: "Chat" }).click();
    await page.waitForURL(/channel=chat/);
    const channelCells = page
      .getByRole("table", { name: "Conversations" })
      .locator("tbody tr td:nth-child(2)");
    await expect
      .poll(async () => [...new Set(await channelCells.allTextContents())], { timeout: 30_000 })
      .toEqual(["Chat"]);
  });

  it("opens a conversation and shows its transcript with roles and timestamps", async () => {
    const table = page.getByRole("table", { name: "Conversations" });
    // A conversation with both sides in it (the first row's may hold one customer message alone).
    await openFirstConversationWith(table, 2);
    await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
    const transcript = page.getByRole("list", { name: "Transcript" });
    await transcript.waitFor({ timeout: 30_000 });
    expect(
      await transcript.getByRole("listitem", { name: "Customer message" }).count(),
    ).toBeGreaterThan(0);
    expect(
      await transcript.getByRole("listitem", { name: /^(Agent|Bot) message$/ }).count(),
    ).toBeGreaterThan(0);
    const firstTime = await transcript.locator("time").first().innerText();
    expect(firstTime).toMatch(/\d{1,2}:\d{2}/);
    // The header names the channel, and the back link keeps the filtered list.
    expect(await page.getByText("Chat", { exact: true }).first().isVisible()).toBe(true);
    expect(
      await page.getByRole("link", { name: /Back to conversations/ }).getAttribute("href"),
    ).toContain("channel=chat");
    await expectNoAxeViolations(page, "a conversation");
  });

  it("shows the dashboard: volume by channel, predicted satisfaction and what customers raised", async () => {
    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await page.waitForURL(/\/dashboard$/);
    // The experience charts appear once the workers have analysed the demo (a minute or two after the
    // first start): reload until they do.
    const satisfaction = page.getByRole("img", { name: /^Mean predicted customer satisfaction/ });
    await expect
      .poll(
        async () => {
          const shown = await satisfaction.count();
          if (shown === 0) await page.reload();
          return shown;
        },
        { timeout: 120_000, interval: 3_000 },
      )
      .toBe(1);
    for (const name of [/^Conversation volume per day/, /^Mean predicted customer satisfaction/]) {
      const chart = page.getByRole("img", { name });
      await chart.waitFor({ timeout: 30_000 });
      await expect
        .poll(() => chart.locator(".recharts-curve").count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
    }
    const signals = page.getByRole("img", { name: /^Conversations per customer signal/ });
    await expect
      .poll(() => signals.locator(".recharts-bar-rectangle").count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // Counted from the rollups: the demo's complaints are there, labelled as people read them.
    expect(await signals.innerText()).toContain("Complaint");
    await expectNoAxeViolations(page, "the dashboard with its experience charts");
  }, 180_000);

  it("logs out, lands on the login page, and the session is gone", async () => {
    await page.getByRole("button", { name: /Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Log out" }).waitFor();
    await expectNoAxeViolations(page, "the account menu");
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.goto(`${server.url}/conversations`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel("Email").waitFor();
  });
});
