import type { Locator, Page } from "playwright-core";
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
const PASSWORD = "rapport-demo";
// The server analyses and scores the ~5,200 demo conversations in the background after its first start.
const SCORING_TIMEOUT_MS = 120_000;

describe.skipIf(skipReason !== null)(
  "QA journey: build and publish a scorecard, review, acknowledge, dispute, resolve, calibrate, report",
  () => {
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

    async function signInAs(who: "qa" | "agent" | "leader" | "admin", next: string) {
      // Leave the app first: with its cookie gone, an open page's next request answers 401 and it
      // navigates to its own login page, which can interrupt the navigation below.
      await page.goto("about:blank");
      await browser.context.clearCookies();
      await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel("Email").fill(`${who}@demo.rapport.local`);
      await page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: /Account menu for/ }).waitFor();
    }

    /** Answers "pass" to every criterion of a review form left blank (those no rule answers). */
    async function answerBlanks(form: Locator) {
      const selects = form.getByRole("combobox");
      for (let i = 0; i < (await selects.count()); i++) {
        const select = selects.nth(i);
        const isCriterion = (await select.locator('option[value="pass"]').count()) > 0;
        if (isCriterion && (await select.inputValue()) === "") await select.selectOption("pass");
      }
    }

    /** Fills every blind form of a calibration session (only the criterion no rule answers). */
    async function answerCalibration(session: Locator) {
      await session.waitFor();
      const forms = session.getByRole("form", { name: "Review" });
      for (let left = await forms.count(); left > 0; left = await forms.count()) {
        const form = forms.first();
        await answerBlanks(form);
        await page.getByRole("button", { name: "Submit review" }).first().click();
        await expect.poll(() => forms.count()).toBeLessThan(left);
      }
    }

    it("a QA analyst builds a new scorecard version and publishes it after a backtest", async () => {
      await signInAs("qa", "/qa/scorecards");
      await page.getByRole("table", { name: "Scorecards" }).waitFor();
      await page.getByRole("button", { name: "Edit Chat service standards" }).click();
      const editor = page.getByRole("region", { name: "Edit Chat service standards" });
      await editor.getByLabel("New criterion").fill("Uses the customer's name");
      await editor.getByRole("button", { name: "Add criterion" }).click();
      await editor.getByLabel("Weight of Closes the conversation well").fill("3");
      await editor.getByLabel("Weight of Uses the customer's name").fill("2");
      await expect
        .poll(() => editor.getByRole("status").first().innerText())
        .toContain("add up to 100");
      await expectNoAxeViolations(page, "the scorecard builder");
      await editor.getByRole("button", { name: "Save draft" }).click();
      await editor.getByRole("button", { name: "Run backtest" }).click();
      await editor.getByRole("region", { name: "Backtest result" }).waitFor();
      await editor.getByRole("button", { name: "Publish" }).click();
      await editor.getByText(/Published version 2/).waitFor();
    });

    it("shows automatic results with evidence, and the analyst reviews one from the queue", async () => {
      await page.goto(`${server.url}/qa`);
      const queue = page.getByRole("table", { name: "Review queue" });
      await expect
        .poll(
          async () => {
            if ((await queue.count()) === 0) await page.reload();
            return queue.getByRole("link").count();
          },
          { timeout: SCORING_TIMEOUT_MS, interval: 3_000 },
        )
        // More than the two the demo queued and claimed at seeding: the automatic QA has run.
        .toBeGreaterThan(2);
      await expectNoAxeViolations(page, "the review queue");
      // The whole queue is counted per reason; choosing one shows only that reason's.
      const why = page.getByRole("combobox", { name: "Why" });
      const option = why.locator("option").nth(1);
      const [label, count] = /^(.*) \((\d+)\)$/.exec((await option.textContent()) ?? "")!.slice(1);
      await why.selectOption({ index: 1 });
      await page.getByText(new RegExp(`of ${count} waiting for review`)).waitFor();
      const reasons = await queue.locator("tbody tr td:nth-child(2)").allTextContents();
      expect(new Set(reasons)).toEqual(new Set([label]));
      await why.selectOption({ index: 0 });
      // Claims: the analyst's own from the demo, the leader's shown by name, one more claimed here.
      const claimed = page.getByRole("combobox", { name: "Claimed" });
      await claimed.selectOption({ label: "Claimed by me" });
      await expect.poll(() => queue.locator("tbody tr").count()).toBe(1);
      await queue.getByText("You", { exact: true }).waitFor();
      await claimed.selectOption({ label: "Everyone's" });
      await queue.getByText("Laura Bennett", { exact: true }).waitFor();
      await claimed.selectOption({ label: "Not claimed" });
      await queue
        .getByRole("button", { name: /^Claim / })
        .first()
        .click();
      await claimed.selectOption({ label: "Claimed by me" });
      await expect.poll(() => queue.getByText("You", { exact: true }).count()).toBe(2);
      // The analyst's own claim lapses (the demo's, handed to them, does not).
      await expect.poll(() => queue.getByText(/^since .* · until /).count()).toBe(1);
      await expectNoAxeViolations(page, "the review queue's claims");
      await queue
        .getByRole("button", { name: /^Release / })
        .first()
        .click();
      await expect.poll(() => queue.locator("tbody tr").count()).toBe(1);
      await claimed.selectOption({ label: "Everyone's" });
      // A conversation whose automatic answers quote evidence (a terse one may rest on absences only).
      const links = await queue.getByRole("link").count();
      for (let i = 0; i < links; i++) {
        await queue.getByRole("link").nth(i).click();
        const auto = page.getByRole("region", { name: "Automatic QA evaluation" }).first();
        await auto.waitFor({ timeout: 30_000 });
        if ((await page.getByLabel("Evidence").count()) > 0) break;
        await page.goBack();
      }
      expect(await page.getByLabel("Evidence").count()).toBeGreaterThan(0);
      await page.getByText(/^In the review queue: /).waitFor();
      await page.getByRole("button", { name: "Review", exact: true }).click();
      // Starting the review claimed it, unless the demo's leader holds it already.
      await page
        .getByText(/^In the review queue: .* · claimed by (you|Laura Bennett) since /)
        .waitFor();
      const form = page.getByRole("form", { name: "Review" });
      const greeting = form.getByLabel("Greets the customer");
      const current = await greeting.inputValue();
      await greeting.selectOption(current === "pass" ? "fail" : "pass");
      await answerBlanks(form);
      const commentOn = form.getByLabel("Comment on message");
      await commentOn.selectOption({ index: 1 });
      await form
        .getByLabel("Comment", { exact: true })
        .fill("Good: the order number is confirmed.");
      await expectNoAxeViolations(page, "the review screen");
      const [saved] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().endsWith("/qa/reviews") && r.request().method() === "POST",
        ),
        page.getByRole("button", { name: "Submit review" }).click(),
      ]);
      expect(saved.status(), await saved.text()).toBe(201);
      // This review, not one the demo made earlier on the same conversation.
      const human = page
        .getByRole("region", { name: "Review evaluation" })
        .filter({ hasText: /Comment on message #\d+: Good: the order number/ });
      await human.waitFor();
      await expect.poll(() => human.getByText(/^was /).count()).toBeGreaterThan(0);
    });

    it("an agent acknowledges and disputes an evaluation of their own conversation", async () => {
      await signInAs("agent", "/conversations");
      const table = page.getByRole("table", { name: "Conversations" });
      await table.getByRole("link").first().click();
      const auto = page.getByRole("region", { name: "Automatic QA evaluation" }).first();
      await auto.waitFor({ timeout: SCORING_TIMEOUT_MS });
      await auto.getByRole("button", { name: "Acknowledge" }).click();
      await auto.getByText("Acknowledged by the agent").waitFor();
      await auto.getByRole("button", { name: "Dispute" }).click();
      await auto
        .getByLabel("Why do you dispute this evaluation?")
        .fill("I did greet the customer by phone first.");
      await expectNoAxeViolations(page, "the agent's evaluation with the dispute form");
      await auto.getByRole("button", { name: "Send dispute" }).click();
      await auto.getByText("Dispute sent to your team leader.").waitFor();
    });

    it("a leader resolves the dispute and runs a calibration with the analyst", async () => {
      await signInAs("leader", "/qa");
      await page.getByRole("tab", { name: "Disputes" }).click();
      const disputes = page.getByRole("list", { name: "Disputes" });
      await disputes.getByText("I did greet the customer by phone first.").waitFor();
      await disputes.getByLabel("Outcome").first().selectOption("overturned");
      await disputes.getByLabel("Note").first().fill("The greeting is there in the call.");
      await disputes.getByRole("button", { name: "Resolve" }).first().click();
      await disputes.getByText("Resolution: The greeting is there in the call.").waitFor();

      await page.getByRole("tab", { name: "Calibration" }).click();
      const create = page.getByRole("form", { name: "New calibration session" });
      await create.getByLabel("Session name").fill("December calibration");
      await create.getByLabel("Laura Bennett").check();
      await create.getByLabel("Quinn Alvarez").check();
      await expectNoAxeViolations(page, "the calibration view");
      await create.getByRole("button", { name: "Start calibration" }).click();
      await page.getByRole("button", { name: "December calibration" }).click();
      const session = page.getByRole("region", { name: "Calibration December calibration" });
      await answerCalibration(session);

      // The invitation email links to the calibration tab itself.
      await signInAs("qa", "/qa?tab=calibration");
      await expect
        .poll(() => page.getByRole("tab", { name: "Calibration" }).getAttribute("aria-selected"))
        .toBe("true");
      // What the analyst still owes: the new session, and no session the analyst does not review.
      await page.getByLabel("Only sessions awaiting my answers").check();
      const owed = page.getByRole("list", { name: "Calibration sessions" });
      await owed.getByRole("button", { name: "December calibration" }).waitFor();
      await expect
        .poll(async () => {
          const items = await owed.getByRole("listitem").count();
          return items - (await owed.getByText("Awaiting your answers").count());
        })
        .toBe(0);
      await page.getByRole("button", { name: "December calibration" }).click();
      const mine = page.getByRole("region", { name: "Calibration December calibration" });
      await answerCalibration(mine);
      await mine.getByRole("table", { name: "Agreement per criterion" }).waitFor();
      await expectNoAxeViolations(page, "the calibration agreement");
    });

    it("shows the QA report charts", async () => {
      await page.getByRole("tab", { name: "Reports" }).click();
      const chart = page.getByRole("region", { name: "QA score chart" });
      await chart.locator(".recharts-bar-rectangle").first().waitFor({ timeout: 30_000 });
      await page.getByRole("region", { name: "Criterion failure chart" }).waitFor();
      await expectNoAxeViolations(page, "the QA reports");
    });

    it("a leader sorts the queue worst first and hands conversations to named reviewers", async () => {
      await signInAs("leader", "/qa");
      const queue = page.getByRole("table", { name: "Review queue" });
      // The worst first: automatic scores ascending down the page, unscored ones at its end.
      await page
        .getByRole("combobox", { name: "Order", exact: true })
        .selectOption({ label: "Lowest automatic score first" });
      await expect
        .poll(async () => {
          // The leader's first column is the selection checkbox.
          const cells = await queue.locator("tbody tr td:nth-child(5)").allTextContents();
          const scored = cells.findIndex((c) => c === "—");
          const scores = cells.slice(0, scored === -1 ? undefined : scored).map(Number);
          return (
            cells.length > 1 &&
            cells.slice(scores.length).every((c) => c === "—") &&
            scores.every((n, i) => i === 0 || scores[i - 1]! <= n)
          );
        })
        .toBe(true);
      await page.getByText(/^Showing 50 of/).waitFor();
      const link = queue.getByRole("link").first();
      await link.waitFor();
      const title = (await link.textContent()) ?? "";
      const reviewer = () => queue.getByRole("combobox", { name: `Reviewer of ${title}` }).first();
      const chosen = () => reviewer().locator("option:checked").textContent();
      // Only those who review: not the agent, not the executive.
      await expect
        .poll(() => reviewer().locator("option").allTextContents())
        .toContain("Quinn Alvarez");
      const offered = await reviewer().locator("option").allTextContents();
      expect(offered).toContain("Laura Bennett (you)");
      expect(offered).not.toContain("Priya Raman");
      expect(offered).not.toContain("Evelyn Park");
      await reviewer().selectOption({ label: "Quinn Alvarez" });
      await expect.poll(chosen).toBe("Quinn Alvarez");
      await queue
        .getByText(/^since /)
        .first()
        .waitFor();
      await expectNoAxeViolations(page, "the review queue as a leader hands out work");
      // The conversation's Quality panel says so, and hands it back to the queue from there.
      await link.click();
      const panel = page.getByText(/^In the review queue: /);
      await panel
        .filter({ hasText: "claimed by Quinn Alvarez since" })
        .waitFor({ timeout: 30_000 });
      const here = page.getByRole("combobox", { name: "Reviewer of this conversation" });
      await here.selectOption({ label: "Nobody" });
      await panel.filter({ hasText: "not claimed yet" }).waitFor();
      await expectNoAxeViolations(page, "the conversation's Quality panel as a leader");
    });

    it("a leader hands out two conversations at once", async () => {
      await signInAs("leader", "/qa");
      const queue = page.getByRole("table", { name: "Review queue" });
      await page.getByRole("combobox", { name: "Claimed" }).selectOption({ label: "Not claimed" });
      // The previous filter's rows stay on screen until the new ones arrive: wait for those.
      await expect.poll(() => queue.getAttribute("aria-busy")).toBe("false");
      await expect.poll(() => queue.getByRole("link").count()).toBeGreaterThan(2);
      // Two conversations whose titles are unique on the page, so each row is found by its title.
      const all = await queue.getByRole("link").allTextContents();
      const titles = all.filter((t) => all.indexOf(t) === all.lastIndexOf(t)).slice(0, 2);
      expect(titles).toHaveLength(2);
      for (const title of titles)
        await queue.getByRole("checkbox", { name: `Select ${title}` }).check();
      const bar = page.getByRole("region", { name: "Hand out selected conversations" });
      await bar.getByText("2 selected").waitFor();
      await bar.getByLabel("Hand selected to").selectOption({ label: "Quinn Alvarez" });
      await expectNoAxeViolations(page, "the review queue with two conversations selected");
      await bar.getByRole("button", { name: "Hand out selected" }).click();
      await bar.getByText("Handed out 2").waitFor();
      await page.getByRole("combobox", { name: "Claimed" }).selectOption({ label: "Everyone's" });
      for (const title of titles)
        await expect
          .poll(() =>
            queue
              .getByRole("combobox", { name: `Reviewer of ${title}` })
              .first()
              .locator("option:checked")
              .textContent(),
          )
          .toBe("Quinn Alvarez");
      // "Select all on page", then spread among two reviewers.
      await page.getByRole("combobox", { name: "Claimed" }).selectOption({ label: "Not claimed" });
      await expect.poll(() => queue.getAttribute("aria-busy")).toBe("false");
      await expect.poll(() => queue.getByRole("link").count()).toBeGreaterThan(2);
      await queue.getByRole("checkbox", { name: "Select all on page" }).check();
      const picked = await queue.getByRole("link").count();
      await bar.getByText(`${picked} selected`).waitFor();
      await bar.getByLabel("Hand selected to").selectOption({ label: "Spread evenly among…" });
      await bar.getByRole("checkbox", { name: "Quinn Alvarez" }).check();
      await bar.getByRole("checkbox", { name: "Laura Bennett (you)" }).check();
      await expectNoAxeViolations(page, "the review queue spreading a page of conversations");
      await bar.getByRole("button", { name: "Hand out selected" }).click();
      await bar.getByText(`Handed out ${picked}`).waitFor();
    });

    it("an admin sets how long a reviewer's claim lasts", async () => {
      await signInAs("admin", "/qa");
      const hours = page.getByLabel("Claims lapse after (hours, 0 = never)");
      await hours.fill("48");
      await expectNoAxeViolations(page, "the claim lapse setting");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.getByText("Now: 48 hours").waitFor();
      await signInAs("qa", "/qa");
      await page.getByText("A claim lapses after 48 hours without a review").waitFor();
    });

    it("a leader reads the team's coaching notes and opens the coached conversation", async () => {
      await signInAs("leader", "/qa");
      await page.getByRole("tab", { name: "Coaching" }).click();
      const notes = page.getByRole("list", { name: "Coaching notes" });
      const note = notes
        .getByRole("listitem")
        .filter({ hasText: "Close with a check that everything is solved" });
      await note.getByText(/Priya Raman · by Laura Bennett/).waitFor();
      await note.getByText(/^Follow up on /).waitFor();
      await expectNoAxeViolations(page, "the coaching notes");
      await note.getByRole("link", { name: /^Open the conversation/ }).click();
      await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
      await page.getByRole("list", { name: "Transcript" }).waitFor({ timeout: 30_000 });
    });
  },
);
