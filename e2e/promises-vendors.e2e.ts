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

describe.skipIf(skipReason !== null)(
  "insights journey: a persona card, promise-keeping by team, a vendor's monthly statement",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signInAsDemoAdmin(page, server.url, "/login?next=%2Fpersonas");
      await page.waitForURL(/\/personas$/);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("opens a persona card with its needs, delights, frustrations and examples", async () => {
      const open = page.getByRole("button", { name: /^Open persona card: / });
      await open.first().waitFor();
      const count = await open.count();
      expect(count).toBeGreaterThanOrEqual(4);
      expect(count).toBeLessThanOrEqual(6);
      await expectNoAxeViolations(page, "the persona cards");
      await open.first().click();
      const dialog = page.getByRole("dialog");
      await expect.poll(() => dialog.getByText("Typical needs").count()).toBe(1);
      await expect.poll(() => dialog.getByText("What frustrates them").count()).toBe(1);
      expect(await dialog.getByRole("link").count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, "an open persona card");
      await page.keyboard.press("Escape");
    });

    it("sees promise-keeping by team, with kept and broken promises", async () => {
      await page.getByRole("link", { name: "Promises" }).click();
      await page.waitForURL(/\/promises$/);
      const table = page.getByRole("table", { name: "Promise keeping by team" });
      await table.waitFor();
      for (const team of ["Billing & Payments", "Orders & Delivery", "Accounts & Security"])
        await table.getByRole("rowheader", { name: team }).waitFor();
      await page
        .getByText(/Recommend: We reply within/)
        .first()
        .waitFor();
      await expectNoAxeViolations(page, "the promises report");
    });

    it("sees a vendor's monthly statement with the penalty owed", async () => {
      await page.getByRole("link", { name: "Vendors" }).click();
      await page.waitForURL(/\/vendors$/);
      const statement = page.getByRole("table", { name: "Monthly statement: Harbor Contact" });
      await statement.waitFor();
      await statement.getByRole("rowheader", { name: /answered within 20 s/ }).waitFor();
      await page.getByText(/Penalty owed: \$13,200\.00/).waitFor();
      await page.getByRole("table", { name: "Vendors side by side" }).waitFor();
      await expectNoAxeViolations(page, "the vendor statements");
    });
  },
);
