import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./axe.ts";
import {
  browserSkipReason,
  launchBrowser,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from "./harness.ts";

const skipReason = browserSkipReason();
// The demo conversations are analysed and QA-scored in the background after the first start; the
// scorecards fill in as the `conversations.changed` listener refreshes their facts.
const SCORES_TIMEOUT_MS = 240_000;

async function signIn(page: Page, url: string, email: string, next: string) {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill("rapport-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: /Account menu for/ }).waitFor();
}

async function choose(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option }).click();
}

describe.skipIf(skipReason !== null)(
  "people journey: team scorecards, a goal, a coaching session with its effect, the agent's page",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signIn(page, server.url, "leader@demo.rapport.local", "/people");
      await page.waitForURL(/\/people$/);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("shows a team's scorecards with observed, expected and adjusted values, n and intervals", async () => {
      await choose(page, "Team", "Billing & Payments");
      const teamTable = page.getByRole("table", { name: "The team's figures" });
      await teamTable.waitFor({ timeout: 30_000 });
      await expect
        .poll(
          async () => {
            const row = teamTable.getByRole("row", { name: /Automatic QA/ });
            if ((await row.count()) === 0) {
              await page.reload();
              await choose(page, "Team", "Billing & Payments");
              return "";
            }
            return (await row.textContent()) ?? "";
          },
          { timeout: SCORES_TIMEOUT_MS, interval: 10_000 },
        )
        .toMatch(/\d/);
      for (const header of ["Observed", "Expected", "Adjusted", "95 % interval", "n"]) {
        await expect
          .poll(() => teamTable.getByRole("columnheader", { name: header, exact: true }).count())
          .toBe(1);
      }
      const agents = page.getByRole("table", { name: /Overall points/ });
      await expect.poll(() => agents.getByRole("row").count()).toBeGreaterThan(3);
      await expect
        .poll(() =>
          page.getByRole("img", { name: /observed, expected and adjusted|by agent/ }).count(),
        )
        .toBeGreaterThan(0);
      await expectNoAxeViolations(page, "the team scorecards");
    });

    it("sets a goal on a scorecard metric and shows its measured progress", async () => {
      const form = page.getByRole("form", { name: "Set a goal" });
      await form.getByRole("textbox", { name: "Target" }).fill("85");
      await form.getByRole("button", { name: "Set goal" }).click();
      const goals = page.getByRole("table", { name: /Goals with progress/ });
      await expect
        .poll(() => goals.getByRole("row", { name: /This team.*Automatic QA.*85/ }).count())
        .toBe(1);
    });

    it("drafts a coaching session from the scorecard gaps, saves it, and shows a past session's measured effect", async () => {
      await choose(page, "Agent to coach", "Daniel Okafor");
      const past = page.getByRole("article", { name: /Coaching session of/ }).first();
      await expect.poll(() => past.textContent()).toMatch(/Before \(.*95 %.*After \(/s);
      await expect.poll(() => past.textContent()).toMatch(/Effect: /);
      await page.getByRole("button", { name: "Draft coaching session" }).click();
      const agenda = page.getByRole("region", { name: "Drafted agenda" });
      await expect.poll(() => agenda.getByText("Agenda from the scorecard gaps").count()).toBe(1);
      await agenda.getByRole("textbox", { name: "Notes" }).fill("Walked through the worst example");
      await agenda
        .getByRole("textbox", { name: "Commitment" })
        .fill("Close with a resolution check");
      // The session is drafted from a gap: at least one metric falls short of the org.
      await expect.poll(() => agenda.getByText(/: adjusted .* vs org /).count()).toBeGreaterThan(0);
      await agenda.getByRole("button", { name: "Save coaching session" }).click();
      await expect
        .poll(() => page.getByRole("status").filter({ hasText: "Coaching session saved." }).count())
        .toBe(1);
      await expectNoAxeViolations(page, "the coaching panel");
    });

    it("shows an agent their own page: scorecard, goals and coaching", async () => {
      // The leader's steps are done: sign them out and the agent in, in the same browser.
      await browser.context.clearCookies();
      await signIn(page, server.url, "agent@demo.rapport.local", "/me");
      await page.waitForURL(/\/me$/);
      await page.getByRole("heading", { name: /My scorecard/ }).waitFor();
      await page.getByRole("heading", { name: "My goals" }).waitFor();
      await page.getByRole("heading", { name: "My coaching" }).waitFor();
      await expect.poll(() => page.getByRole("table", { name: "My figures" }).count()).toBe(1);
      await expectNoAxeViolations(page, "the agent's own page");
    });
  },
);
