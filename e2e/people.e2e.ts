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

/** Signs in as one of the demo users (they share a password); a signed-in session is dropped first. */
async function signIn(page: Page, url: string, email: string, next: string) {
  // Leave the app first: with its cookie gone, an open page's next request answers 401 and it
  // navigates to its own login page, which can interrupt the navigation below.
  await page.goto("about:blank");
  await page.context().clearCookies();
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill("rapport-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: /Account menu for/ }).waitFor();
}

/** Picks `option` in the combobox named `label`, or its first option. */
async function choose(page: Page, label: string, option?: string): Promise<void> {
  await page.getByRole("combobox", { name: label }).click();
  const options = page.getByRole("option");
  await (option ? page.getByRole("option", { name: option }) : options.first()).click();
}

/** A demo idea that became a fix shows the fix's measured impact with its interval. */
async function expectFixImpactOnIdea(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Open Send activation codes by e-mail/ }).click();
  const dialog = page.getByRole("dialog", { name: /Send activation codes by e-mail/ });
  const fix = dialog.getByRole("region", { name: "Linked fix" });
  await fix.getByText(/Fix: Activation codes sent by e-mail/).waitFor();
  await expect.poll(() => fix.textContent()).toMatch(/Rate ratio \d\.\d\d, 95% interval \d/);
  await dialog.getByRole("combobox", { name: "Linked fix" }).waitFor();
  await expectNoAxeViolations(page, "an idea with its fix's impact");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
}

/**
 * Issue 16's journeys on one server (each start costs 20–30 s): a leader's scorecards, goal and
 * coaching and an agent's own page; then a curator's wow story, and an agent's kudos and idea.
 */
describe.skipIf(skipReason !== null)("people journeys (issue 16)", () => {
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

  describe("team scorecards, a goal, a coaching session with its effect, the agent's page", () => {
    beforeAll(async () => {
      await signIn(page, server.url, "leader@demo.rapport.local", "/people");
      await page.waitForURL(/\/people$/);
    });

    it("shows a team's scorecards with observed, expected and adjusted values, n and intervals", async () => {
      // The leader's own team first, not the first by name (Accounts & Security).
      await expect
        .poll(() => page.getByRole("combobox", { name: "Team" }).inputValue())
        .toBe("Billing & Payments");
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
      // Intervals stay on each metric's scale: QA 0–100, times from 0 (no "-35.4 – 109.9").
      expect(await teamTable.innerText()).not.toMatch(/(^|\s)-\d/);
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
      await signIn(page, server.url, "agent@demo.rapport.local", "/me");
      await page.waitForURL(/\/me$/);
      await page.getByRole("heading", { name: /My scorecard/ }).waitFor();
      await page.getByRole("heading", { name: "My goals" }).waitFor();
      await page.getByRole("heading", { name: "My coaching" }).waitFor();
      await expect.poll(() => page.getByRole("table", { name: "My figures" }).count()).toBe(1);
      await expectNoAxeViolations(page, "the agent's own page");
    });
  });

  describe("a curator publishes a wow story; an agent gives kudos and submits an idea", () => {
    // Letters only: digits would be redacted out of the published title like any number.
    const tag = Date.now()
      .toString(36)
      .replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);
    const title = `Replacement sent same day ${tag}`;

    beforeAll(async () => {
      await signIn(page, server.url, "admin@demo.rapport.local", "/recognition");
      await page.waitForURL(/\/recognition$/);
    });

    it("a curator previews the anonymised story, publishes it, and it is in the feed and the digest", async () => {
      const candidates = page.getByRole("region", { name: "Candidates to curate" });
      await candidates.getByRole("button", { name: "Publish…" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Publish wow story" });
      await dialog.getByLabel("Title").fill(title);
      await dialog
        .getByLabel("Story")
        .fill(
          "The customer (020 7946 0958) lost a parcel; a replacement went out by express that day.",
        );
      await dialog.getByRole("button", { name: "Preview anonymised" }).click();
      const preview = dialog.getByTestId("anonymised-preview");
      await expect.poll(() => preview.textContent()).toContain("[PHONE]");
      expect(await preview.textContent()).not.toContain("7946");
      await expectNoAxeViolations(page, "the publish dialog");
      await dialog.getByRole("button", { name: "Publish" }).click();
      await dialog.waitFor({ state: "hidden" });

      const feed = page.getByRole("region", { name: "Wow stories", exact: true });
      await feed.getByText(title).waitFor();
      const digest = page.getByTestId("digest-preview");
      await digest.getByText(title).waitFor();
      expect(await digest.textContent()).toMatch(/new wow stor/);
      await expectNoAxeViolations(page, "the recognition page");
    });

    it("leaders see the ideas board, the culture view and the best-practice library", async () => {
      for (const [path, heading] of [
        ["/ideas", "Ideas"],
        ["/culture", "Culture"],
        ["/best-practices", "Best practices"],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
        if (path === "/ideas") await expectFixImpactOnIdea(page);
        if (path === "/culture") {
          await page
            .getByText(/hidden \(under 8 agents\)/)
            .first()
            .waitFor();
          // Forwarded team chat beside the notes.
          await page.getByText("in slack:#support-floor").first().waitFor();
        }
        await expectNoAxeViolations(page, `the ${heading} page`);
      }
    });

    it("an agent sees the story, gives kudos and submits an idea", async () => {
      await signIn(page, server.url, "agent@demo.rapport.local", "/recognition");
      await page
        .getByRole("region", { name: "Wow stories", exact: true })
        .getByText(title)
        .waitFor();
      await choose(page, "Colleague", "Laura Bennett");
      await choose(page, "Conversation");
      await page.getByLabel("Message").fill("Thanks for the quick escalation help!");
      await page.getByRole("button", { name: "Send kudos" }).click();
      await page.getByText("Kudos sent to Laura Bennett.").waitFor();
      await expectNoAxeViolations(page, "the agent's recognition page");

      await page.goto(`${server.url}/ideas`);
      const idea = `Share refund dates in the app ${tag}`;
      await page.getByRole("textbox", { name: "Idea" }).fill(idea);
      await page
        .getByLabel("Details")
        .fill("Customers ask us for the date; the app could show it.");
      await page.getByRole("button", { name: "Submit idea" }).click();
      const column = page.getByRole("region", { name: "new" });
      await column.getByText(idea).waitFor();
      await column.getByRole("button", { name: new RegExp(`Vote 0: ${idea}`) }).click();
      await expect
        .poll(() => column.getByRole("button", { name: new RegExp(`Vote 1: ${idea}`) }).count())
        .toBe(1);
      await expectNoAxeViolations(page, "the ideas board");
    });
  });
});
