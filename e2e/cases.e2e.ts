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
// The demo conversations are analysed in the background after the first start; complaint cases
// open as their analyses are announced.
const CASES_TIMEOUT_MS = 150_000;
// The escalation job runs every minute.
const ESCALATION_TIMEOUT_MS = 100_000;

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

const clockRow = (page: Page, name: string) =>
  page.getByRole("table", { name: "Clocks" }).getByRole("row", { name: new RegExp(name) });

describe.skipIf(skipReason !== null)(
  "cases journey: complaint → case with clocks, escalation, authority, public escalation, review",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;
    let urgentCaseId = "";

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signInAsDemoAdmin(page, server.url, "/login?next=%2Fcases");
      await page.waitForURL(/\/cases$/);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("opens a case from a complaint in a demo conversation; its clock pauses while waiting on the customer", async () => {
      // Complaints in demo conversations that ended weeks ago are history (resolved with them).
      const newFromConversations = async () => {
        await page.getByRole("combobox", { name: "Status" }).click();
        await page.getByRole("option", { name: "New", exact: true }).click();
        await page.getByRole("combobox", { name: "Opened from" }).click();
        await page.getByRole("option", { name: "A conversation" }).click();
      };
      await newFromConversations();
      const table = page.getByRole("table", { name: "Cases" });
      await expect
        .poll(
          async () => {
            const n = await table.getByRole("link").count();
            if (n === 0) {
              await page.reload();
              await newFromConversations();
            }
            return n;
          },
          { timeout: CASES_TIMEOUT_MS, interval: 5_000 },
        )
        .toBeGreaterThan(0);
      await expectNoAxeViolations(page, "the cases list");
      await table.getByRole("link").first().click();
      await page.getByRole("table", { name: "Clocks" }).waitFor();
      await expect.poll(() => clockRow(page, "Resolution").innerText()).toMatch(/business time/);
      await expect
        .poll(() => page.getByRole("link", { name: "Linked conversation" }).count())
        .toBe(1);
      await expectNoAxeViolations(page, "a case page");
      const newStatus = page.getByRole("combobox", { name: "New status" });
      const waitOnCustomer = async () => {
        const option = page.getByRole("option", { name: "Waiting on customer" });
        // A background refresh of the case can close the list just opened: open it until it
        // shows (a click on an open list would close it, so only a closed one is clicked).
        await expect
          .poll(
            async () => {
              if (await option.isVisible()) return true;
              if ((await newStatus.getAttribute("aria-expanded")) !== "true")
                await newStatus.click();
              return false;
            },
            { timeout: 30_000, interval: 1_000 },
          )
          .toBe(true);
        await option.click();
        await expect.poll(() => newStatus.inputValue()).toBe("Waiting on customer");
        await page.getByRole("button", { name: "Change status" }).click();
      };
      await waitOnCustomer();
      const paused = clockRow(page, "Resolution").getByText(/paused .* → now/);
      const refused = page.getByRole("alert").filter({ hasText: "Not changed" });
      await paused.or(refused).first().waitFor();
      // The demo's background work may change the case after the page loaded (409): the page
      // reloads it, and trying again as a user would must then work.
      if (await refused.isVisible()) {
        await expect.poll(() => refused.innerText()).toMatch(/changed since you read it/);
        await waitOnCustomer();
      }
      await paused.waitFor();
    });

    it("escalates a case to the team lead when its clock is at risk", async () => {
      await callApi(page, "POST", "/sla-policies", {
        name: "Round the clock",
        timeZone: "UTC",
        hours: Object.fromEntries(
          ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "24:00"]]]),
        ),
        holidays: [],
        targets: { firstResponseMinutes: 120, resolutionMinutes: 120 },
        match: { categories: ["urgent"] },
        position: 5,
      });
      // 95 of 120 minutes gone: past the 75 % at-risk mark, not yet breached.
      const opened = new Date(Date.now() - 95 * 60_000).toISOString();
      const created = await callApi<{ id: string }>(page, "POST", "/cases", {
        title: "Card blocked abroad",
        category: "urgent",
        openedAt: opened,
      });
      urgentCaseId = created.id;
      await page.goto(`${server.url}/cases/${urgentCaseId}`);
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.getByRole("table", { name: "Clocks" }).waitFor();
            return page.getByText(/Escalated agent → team_lead \(at risk:/).count();
          },
          { timeout: ESCALATION_TIMEOUT_MS, interval: 5_000 },
        )
        .toBeGreaterThan(0);
    });

    it("lets an agent resolve it with authority within their limit", async () => {
      // A second browser profile: the agent's own session beside the admin's.
      const agent = await launchBrowser();
      const agentPage = await agent.context.newPage();
      await agentPage.goto(`${server.url}/login?next=%2Fcases%2F${urgentCaseId}`);
      await agentPage.getByLabel("Email").fill("agent@demo.rapport.local");
      await agentPage.getByRole("textbox", { name: "Password", exact: true }).fill("rapport-demo");
      await agentPage.getByRole("button", { name: "Sign in" }).click();
      await agentPage.getByRole("table", { name: "Clocks" }).waitFor();
      await agentPage.getByRole("textbox", { name: "Amount" }).fill("20");
      await agentPage.getByRole("textbox", { name: "Reason" }).fill("Card fee charged in error");
      await agentPage.getByRole("button", { name: "Apply" }).click();
      await agentPage.getByText("Applied within your limit (50).").waitFor();
      await agentPage.getByRole("combobox", { name: "New status" }).click();
      await agentPage.getByRole("option", { name: "Resolved" }).click();
      await agentPage.getByRole("button", { name: "Change status" }).click();
      await expect.poll(() => agentPage.getByText(/Status new → resolved/).count()).toBe(1);
      await expectNoAxeViolations(agentPage, "a case resolved by an agent");
      await agent.close();
    });

    it("takes a customer's complaint from the public page to the executive queue", async () => {
      const visitor = await launchBrowser();
      const form = await visitor.context.newPage();
      await form.goto(`${server.url}/escalate`);
      await expectNoAxeViolations(form, "the public escalation form");
      await form.getByLabel("Your name").fill("Morgan Reyes");
      await form.getByLabel("Your email address").fill("morgan@example.com");
      await form
        .getByLabel("Your complaint")
        .fill("Three letters and no answer about my mortgage.");
      await form.getByRole("button", { name: "Send to management" }).click();
      const status = form.getByRole("status");
      await status.waitFor();
      expect(await status.innerText()).toMatch(/RC-[0-9A-Z]{7}-[0-9A-Z]{4}/);
      await expectNoAxeViolations(form, "the escalation confirmation");
      await visitor.close();
      await page.goto(`${server.url}/executive-queue`);
      await page.getByRole("link", { name: "Complaint to management from Morgan Reyes" }).waitFor();
      await expectNoAxeViolations(page, "the executive queue");
    });

    it("asks for a lessons-learned review before a breached case can be closed", async () => {
      await page.goto(`${server.url}/cases`);
      await page.getByRole("link", { name: "Refund promised three times, still not paid" }).click();
      await page.getByRole("table", { name: "Clocks" }).waitFor();
      await expect.poll(() => clockRow(page, "Resolution").innerText()).toMatch(/breached/i);
      for (const status of ["Resolved", "Closed"]) {
        await page.getByRole("combobox", { name: "New status" }).click();
        await page.getByRole("option", { name: status }).click();
        await page.getByRole("button", { name: "Change status" }).click();
        if (status === "Resolved") await page.getByText(/Status new → resolved/).waitFor();
      }
      await page.getByText(/needs its lessons-learned review first/).waitFor();
      await page.getByRole("heading", { name: "Lessons-learned review required" }).waitFor();
      await expectNoAxeViolations(page, "a breached case asking for its review");
      await page.getByLabel("What happened").fill("Refund requests were not routed to payments.");
      await page.getByLabel("What will change").fill("Refund promises create a payments task.");
      await page.getByRole("button", { name: "Save review" }).click();
      await page.getByRole("heading", { name: "Lessons learned" }).waitFor();
      await page.getByRole("combobox", { name: "New status" }).click();
      await page.getByRole("option", { name: "Closed" }).click();
      await page.getByRole("button", { name: "Change status" }).click();
      await page.getByText(/Status resolved → closed/).waitFor();
    });

    it("shows SLA policies with a preview and the case reports", async () => {
      await page.goto(`${server.url}/settings/sla-policies`);
      await page.getByRole("table", { name: "SLA policies" }).waitFor();
      await expectNoAxeViolations(page, "the SLA policies page");
      await page.goto(`${server.url}/case-reports`);
      await page.getByRole("heading", { name: "SLA compliance (%)" }).waitFor();
      await expectNoAxeViolations(page, "the case reports");
    });

    it("drills from a report's bar down to the cases behind it", async () => {
      const backlog = page.getByRole("navigation", { name: "Cases behind Backlog ageing" });
      await backlog.getByRole("link").first().click();
      await page.getByText("Showing the cases behind: Backlog ageing").waitFor();
      await expectNoAxeViolations(page, "a drilled-down case list");
      await page.getByRole("button", { name: "Show all cases" }).click();
      await expect.poll(() => page.getByText("From the case reports").count()).toBe(0);
    });
  },
);
