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
const REASONS_TIMEOUT_MS = 240_000;

describe.skipIf(skipReason !== null)(
  "insights journey (issue 15): contact reasons, a fix and its impact, personas, promises, vendors",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signInAsDemoAdmin(page, server.url, "/login?next=%2Finsights");
      await page.waitForURL(/\/insights$/);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const reasonsTable = () => page.getByRole("table", { name: "Contact reasons, largest first" });
    /** Picks the renamed reason in a contact-reason select, then waits for its list to close. */
    const pickReason = async (label: string) => {
      await expect.poll(() => page.getByRole("listbox").count()).toBe(0);
      await page.getByRole("combobox", { name: label }).click();
      await page
        .getByRole("listbox")
        .getByRole("option", { name: "Card activation codes" })
        .click();
      await expect.poll(() => page.getByRole("listbox").count()).toBe(0);
    };

    it("shows the demo org's contact reasons with weekly trends and a spike", async () => {
      // The worker fits the demo's reasons shortly after the first start.
      await expect
        .poll(
          async () => {
            const n = await reasonsTable().getByRole("row").count();
            if (n <= 3) await page.reload();
            return n;
          },
          { timeout: REASONS_TIMEOUT_MS, interval: 5_000 },
        )
        .toBeGreaterThan(3);
      await expect.poll(() => reasonsTable().getByText("Spike").count()).toBeGreaterThan(0);
      await expect
        .poll(() => page.getByRole("img", { name: /Weekly conversations for/ }).count())
        .toBe(1);
      await expectNoAxeViolations(page, "the contact reasons page");
    }, 300_000);

    it("lets a leader rename a reason and merge another into it", async () => {
      const rows = reasonsTable().getByRole("row");
      const before = await rows.count();
      await page.getByLabel("Reason name").fill("Card activation codes");
      await page.getByRole("button", { name: "Save name" }).click();
      await expect
        .poll(() => reasonsTable().getByRole("button", { name: "Card activation codes" }).count())
        .toBe(1);
      await reasonsTable().getByRole("checkbox").first().check();
      await page.getByRole("button", { name: "Merge selected into this reason" }).click();
      await expect.poll(() => rows.count()).toBe(before - 1);
    });

    it("filters the review queue and the cases by the renamed reason", async () => {
      await page.getByRole("link", { name: "Quality", exact: true }).click();
      await page.waitForURL(/\/qa$/);
      const status = page.getByRole("status").filter({ hasText: /waiting for review/ });
      await expect.poll(() => status.textContent()).toMatch(/^Showing \d+ of \d+/);
      const total = Number(/of (\d+)/.exec((await status.textContent()) ?? "")?.[1]);
      await pickReason("Contact reason");
      await expect
        .poll(async () => Number(/of (\d+)/.exec((await status.textContent()) ?? "")?.[1]))
        .toBeLessThan(total);
      await expectNoAxeViolations(page, "the review queue filtered by a contact reason");
      await page.getByRole("link", { name: "Cases", exact: true }).click();
      await page.waitForURL(/\/cases$/);
      // The URL changes before the lazy page replaces the queue: wait for the Cases page itself.
      await page.getByRole("heading", { name: "Cases", level: 1 }).waitFor();
      await pickReason("Contact reason");
      await page.getByRole("table").or(page.getByText("No cases")).first().waitFor();
      await expectNoAxeViolations(page, "the cases filtered by a contact reason");
      await page.getByRole("link", { name: "Contact reasons" }).click();
      await page.waitForURL(/\/insights$/);
    });

    it("corrects one conversation's reason by hand, then hands it back to the model", async () => {
      // The panel beside the trend shows the renamed reason, the one selected after the merge.
      await page.getByRole("link", { name: /^All [\d,]+ conversations of this reason$/ }).click();
      await page.getByRole("heading", { name: "Conversations", level: 1 }).waitFor();
      const table = page.getByRole("table", { name: "Conversations" });
      await table.getByRole("row").nth(1).getByRole("link").first().click();
      const panel = page.getByRole("region", { name: "Contact reason" });
      await panel.getByRole("link", { name: "Card activation codes" }).waitFor();
      await expect.poll(() => panel.innerText()).toContain("Found from the customer's words.");
      await panel.getByRole("button", { name: "Change" }).click();
      await panel.getByRole("combobox", { name: "New contact reason" }).click();
      const other = page
        .getByRole("listbox")
        .getByRole("option")
        .filter({ hasNotText: "Card activation codes" })
        .first();
      const otherName = (await other.innerText()).trim();
      await other.click();
      await panel.getByRole("link", { name: otherName, exact: true }).waitFor();
      await expect.poll(() => panel.innerText()).toContain("Set by a person");
      await expectNoAxeViolations(page, "a conversation with a reason set by hand");
      await panel.getByRole("button", { name: "Change" }).click();
      await panel.getByRole("button", { name: "Let Rapport decide" }).click();
      // The model's pick (after the merge blended two reasons' words, not necessarily the first).
      await expect.poll(() => panel.innerText()).toContain("Found from the customer's words.");
      await page.getByRole("link", { name: "Contact reasons" }).click();
      await page.waitForURL(/\/insights$/);
    });

    it("registers a fix and shows its measured impact with the confidence interval", async () => {
      await page.getByRole("link", { name: "Fixes" }).click();
      await page.waitForURL(/\/fixes$/);
      await expect.poll(() => page.getByText("Worked", { exact: true }).count()).toBe(1);
      await page.getByLabel("What was changed").fill("Crash fix in app 4.2");
      await page
        .getByLabel("Shipped on")
        .fill(new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10));
      await page.getByLabel("Targeted conversations (search)").fill("app crash");
      await pickReason("Or a contact reason");
      await page.getByRole("button", { name: "Register fix" }).click();
      await expect
        .poll(() => page.getByRole("button", { name: "Crash fix in app 4.2", exact: true }).count())
        .toBe(1);
      await expect
        .poll(() =>
          page.getByRole("cell", { name: "app crash · reason: Card activation codes" }).count(),
        )
        .toBe(1);
      await expect.poll(() => page.getByText(/Rate ratio .*95% CI/).count()).toBe(1);
      await expect
        .poll(() => page.getByRole("img", { name: /per 1,000 conversations by week/ }).count())
        .toBe(1);
      await expectNoAxeViolations(page, "the fixes page");
    });

    it("corrects the new fix's title and search, then deletes it after confirming", async () => {
      await page
        .getByRole("button", { name: "Edit fix Crash fix in app 4.2", exact: true })
        .click();
      const dialog = page.getByRole("dialog", { name: /Edit/ });
      await dialog.getByLabel("What was changed").fill("Crash fix in app 4.2.1");
      await dialog.getByLabel("Targeted conversations (search)").fill("app crashes");
      await expectNoAxeViolations(page, "the edit-fix dialog");
      await dialog.getByRole("button", { name: "Save changes" }).click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => page.getByRole("cell", { name: "app crashes" }).count()).toBe(1);
      await page
        .getByRole("button", { name: "Delete fix Crash fix in app 4.2.1", exact: true })
        .click();
      const confirm = page.getByRole("dialog", { name: "Delete this fix?" });
      await confirm.getByRole("button", { name: "Delete fix" }).click();
      await confirm.waitFor({ state: "detached" });
      await expect
        .poll(() =>
          page.getByRole("button", { name: "Crash fix in app 4.2.1", exact: true }).count(),
        )
        .toBe(0);
      // The demo's own fixes are still there, with their impact.
      await expect.poll(() => page.getByText(/Rate ratio .*95% CI/).count()).toBe(1);
    });

    it("opens a persona card with its needs, delights, frustrations and examples", async () => {
      await page.getByRole("link", { name: "Personas" }).click();
      await page.waitForURL(/\/personas$/);
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

    it("shows an executive the reasons and a fix's impact without the leaders' controls", async () => {
      await page.goto("about:blank");
      await browser.context.clearCookies();
      await page.goto(`${server.url}/login?next=%2Finsights`);
      await page.getByLabel("Email").fill("exec@demo.rapport.local");
      await page.getByRole("textbox", { name: "Password", exact: true }).fill("rapport-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("img", { name: /Weekly conversations for/ }).waitFor();
      // Renaming, pinning, merging and splitting would be refused (403): they are not offered.
      expect(await reasonsTable().getByRole("checkbox").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Save name" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Split in two" }).count()).toBe(0);
      await page.getByRole("link", { name: "Fixes" }).click();
      await page.getByRole("img", { name: /Targeted conversations per 1,000/ }).waitFor();
      expect(await page.getByRole("button", { name: /Register|Edit|Delete/ }).count()).toBe(0);
    });
  },
);
