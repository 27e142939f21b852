import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../test/mail-servers.ts";
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
const SURVEY_NAME = "CSAT on resolution (journey)";

describe.skipIf(skipReason !== null)(
  "voice of the customer: survey, answer, follow-up, and the customer told what we did",
  () => {
    let smtp: TestSmtpServer;
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;
    let conversationId = "";
    let respondentPath = "";

    /** The next email whose text contains `needle` (earlier ones, e.g. other invitations, are skipped). */
    async function mailWith(needle: string) {
      for (;;) {
        const mail = await simpleParser((await smtp.nextMail()).raw);
        if (mail.text?.includes(needle)) return mail;
      }
    }

    beforeAll(async () => {
      // The real server sends through a real SMTP server running here (accepts any login, keeps the mail).
      smtp = await startSmtpServer();
      process.env.RAPPORT_SMTP_URL = `smtp://rapport%40demo.test:pw@127.0.0.1:${smtp.port}`;
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signInAsDemoAdmin(page, server.url);
    }, 300_000);

    afterAll(async () => {
      delete process.env.RAPPORT_SMTP_URL;
      await browser?.close();
      await server?.stop();
      await smtp?.stop();
    });

    it("creates a CSAT survey, pauses the demo one and lifts the cooldown", async () => {
      await page.goto(`${server.url}/surveys`);
      await page.getByRole("heading", { name: "Surveys", level: 1 }).waitFor();
      await page.getByLabel("Survey name").fill(SURVEY_NAME);
      await page.getByRole("button", { name: "Create survey" }).click();
      const table = page.getByRole("table", { name: "Surveys" });
      await table.getByRole("cell", { name: SURVEY_NAME, exact: true }).waitFor();
      // Only the new survey reacts to the resolution below, and the demo customer was surveyed
      // recently: lift the contact-pressure cooldown so this invitation goes out.
      await page.getByRole("switch", { name: "CSAT after resolution active" }).click();
      await expect
        .poll(() => page.getByRole("switch", { name: "CSAT after resolution active" }).isChecked())
        .toBe(false);
      await page.getByLabel("Days between invitations per customer").fill("0");
      await page.getByRole("button", { name: "Save budget" }).click();
      await expectNoAxeViolations(page, "the surveys page");
    });

    it("resolves a demo conversation and the customer receives the invitation by email", async () => {
      const res = await page.request.get(`${server.url}/api/v1/conversations?limit=200`);
      const { items } = (await res.json()) as { items: { id: string; status: string }[] };
      const open = items.filter((c) => c.status === "open" || c.status === "pending");
      expect(open.length, "open demo conversations").toBeGreaterThan(0);
      const panel = page.getByRole("region", { name: "Surveys" });
      const row = panel.getByRole("row").filter({ hasText: SURVEY_NAME });
      // A demo customer with an open follow-up is (rightly) not surveyed again: try the next one.
      for (const candidate of open.slice(0, 5)) {
        conversationId = candidate.id;
        await page.goto(`${server.url}/conversations/${conversationId}`);
        await panel.getByRole("button", { name: "Resolve" }).click();
        await expect
          .poll(() => row.count().then((n) => (n ? row.innerText() : "")), {
            timeout: 30_000,
            interval: 1_000,
          })
          .toMatch(/sent|suppressed/i);
        if (/sent/i.test(await row.innerText())) break;
      }
      expect(await row.innerText()).toMatch(/sent/i);
      const href = await row.getByRole("link", { name: "Respondent page" }).getAttribute("href");
      respondentPath = new URL(href!).pathname;
      const mail = await mailWith(respondentPath);
      expect(mail.text).toContain(`${respondentPath}?score=1`);
      await expectNoAxeViolations(page, "the conversation page with its survey invitation");
    });

    it("answers on the public page with a low score: the one-click rating, then a comment", async () => {
      await page.goto(`${server.url}${respondentPath}?score=1`);
      await page.getByRole("status").waitFor();
      await expect.poll(() => page.getByRole("radio", { name: "1" }).isChecked()).toBe(true);
      await page.getByLabel(/main reason/).fill("I had to <b>repeat</b> myself three times.");
      await page.getByRole("button", { name: "Send my answer" }).click();
      await page.waitForURL(/saved=1/);
      expect(await page.getByLabel(/main reason/).inputValue()).toContain("<b>repeat</b>");
      await expectNoAxeViolations(page, "the respondent page");
    });

    it("shows the follow-up, closes it, and the customer is told what we did", async () => {
      await page.goto(`${server.url}/follow-ups`);
      const table = page.getByRole("table", { name: "Follow-ups" });
      const row = table.getByRole("row").filter({ hasText: SURVEY_NAME });
      await row.first().waitFor({ timeout: 30_000 });
      await expectNoAxeViolations(page, "the follow-ups page");
      await row.getByRole("button", { name: /Close follow-up/ }).click();
      const dialog = page.getByRole("dialog", { name: "Close follow-up" });
      await dialog
        .getByLabel("Outcome")
        .fill("Called back, rebooked the delivery and waived the fee.");
      await expectNoAxeViolations(page, "the close follow-up dialog");
      await dialog.getByRole("button", { name: "Close follow-up" }).click();
      const mail = await mailWith("You told us");
      expect(mail.text).toContain("repeat");
      expect(mail.text).toContain("We called you back: Called back, rebooked");
      // Open ones are shown by default: the closed one is under "Closed".
      await page.getByText("Closed", { exact: true }).click();
      await expect.poll(() => page.getByRole("radio", { name: "Closed" }).isChecked()).toBe(true);
      await expect
        .poll(() => row.innerText(), { timeout: 30_000, interval: 1_000 })
        .toMatch(/Notified/);
    });

    it("shows the budget's suppressions and predicted vs actual on the demo data", async () => {
      await page.goto(`${server.url}/voc`);
      const budget = page.getByRole("table", { name: "Suppressions per rule" });
      const cooldown = budget.getByRole("row").filter({ hasText: "Cooldown" });
      await cooldown.waitFor();
      expect(
        Number((await cooldown.getByRole("cell").last().innerText()).replace(/\D/g, "")),
      ).toBeGreaterThan(0);
      // The demo's answers meet predicted satisfaction once the server has analysed the demo.
      const summary = page.getByText(/conversations with both a predicted score and a CSAT answer/);
      await expect
        .poll(
          async () => {
            const n = Number(
              ((await summary.innerText()).match(/^[\d,]+/)?.[0] ?? "0").replace(/,/g, ""),
            );
            if (n === 0) await page.reload();
            return n;
          },
          { timeout: 180_000, interval: 5_000 },
        )
        .toBeGreaterThan(20);
      await page.getByRole("img", { name: /Calibration/ }).waitFor();
      // Response rates by a segment, and what separates detractors from promoters.
      await page.locator("label", { hasText: /^Team$/ }).click();
      await page.getByRole("table", { name: "Response rate by team" }).waitFor();
      await page
        .getByRole("region", { name: "What separates detractors from promoters" })
        .waitFor();
      await expectNoAxeViolations(page, "the voice of the customer charts");
    });

    it("creates a custom survey with its own questions in English and French", async () => {
      await page.goto(`${server.url}/surveys`);
      const form = page.getByRole("form", { name: "Create a survey" });
      await form.getByLabel("Survey name").fill("After delivery (custom)");
      await form.getByRole("combobox", { name: "Type" }).click();
      await page.getByRole("option", { name: "Custom questions" }).click();
      await form.getByRole("combobox", { name: "Send when" }).click();
      await page.getByRole("option", { name: "Only when sent by hand" }).click();
      await form.getByRole("textbox", { name: "Languages" }).fill("en, fr");
      await form.getByLabel("Page title (fr)").fill("Votre avis");
      await form.getByLabel("Question 1 text (en)").fill("How was the delivery?");
      await form.getByLabel("Question 1 text (fr)").fill("Comment s'est passée la livraison ?");
      await form.getByRole("button", { name: "Add question" }).click();
      await form.getByRole("combobox", { name: "Question 2 kind" }).click();
      await page.getByRole("option", { name: "Single choice" }).click();
      await form.getByLabel("Question 2 text (en)").fill("What mattered most?");
      await form.getByLabel("Question 2 text (fr)").fill("Qu'est-ce qui comptait le plus ?");
      await form.getByLabel("Question 2 options (en), one per line").fill("Speed\nCare");
      await form.getByLabel("Question 2 options (fr), one per line").fill("Rapidité\nSoin");
      await expectNoAxeViolations(page, "the survey form with custom questions");
      await form.getByRole("button", { name: "Create survey" }).click();
      const table = page.getByRole("table", { name: "Surveys" });
      await table.getByRole("cell", { name: "After delivery (custom)", exact: true }).waitFor();
      const res = await page.request.get(`${server.url}/api/v1/surveys`);
      const { items } = (await res.json()) as {
        items: { name: string; texts: object; questions: { kind: string; texts: object }[] }[];
      };
      const created = items.find((s) => s.name === "After delivery (custom)")!;
      expect(created.texts).toEqual({ fr: { title: "Votre avis" } });
      expect(created.questions.map((q) => q.kind)).toEqual(["rating", "single"]);
      expect(created.questions[1]).toMatchObject({
        texts: { en: "What mattered most?", fr: "Qu'est-ce qui comptait le plus ?" },
        options: [
          { id: "o1", texts: { en: "Speed", fr: "Rapidité" } },
          { id: "o2", texts: { en: "Care", fr: "Soin" } },
        ],
      });
    });

    it("an agent answers this month's pulse; leaders see last month's eNPS with small teams merged", async () => {
      await page.goto(`${server.url}/surveys`);
      await page.getByRole("button", { name: "Results of Last month's pulse" }).click();
      await page.getByText(/^eNPS [+-]?\d/).waitFor();
      await page.getByText(/20 of 30 answered/).waitFor();
      await page.getByText("The new refund tool saves me an hour a day.").waitFor();
      await expectNoAxeViolations(page, "the employee pulse results");

      // A second browser: its own profile, so the agent's session is its own.
      const agentBrowser = await launchBrowser();
      const agent = await agentBrowser.context.newPage();
      await agent.goto(`${server.url}/login`);
      await agent.getByLabel("Email").fill("agent@demo.rapport.local");
      await agent.getByRole("textbox", { name: "Password", exact: true }).fill("rapport-demo");
      await agent.getByRole("button", { name: "Sign in" }).click();
      // Agents land on their own page, where open pulse surveys wait for them.
      await agent.waitForURL(/\/me$/);
      const pulse = agent.getByRole("region", { name: "This month's pulse" });
      await pulse.waitFor();
      await expectNoAxeViolations(agent, "the pulse question on the agent's page");
      await pulse.getByRole("radio", { name: "8", exact: true }).check();
      await pulse.getByLabel(/Anything you want to add/).fill("More time for coaching, please.");
      await pulse.getByRole("button", { name: "Send answer" }).click();
      await pulse.waitFor({ state: "detached" });
      await agentBrowser.close();
    });

    it("a team leader, who cannot pause surveys, reads whether each one is active", async () => {
      const leaderBrowser = await launchBrowser();
      const leader = await leaderBrowser.context.newPage();
      await leader.goto(`${server.url}/login?next=${encodeURIComponent("/surveys")}`);
      await leader.getByLabel("Email").fill("leader@demo.rapport.local");
      await leader.getByRole("textbox", { name: "Password", exact: true }).fill("rapport-demo");
      await leader.getByRole("button", { name: "Sign in" }).click();
      await leader.waitForURL(/\/surveys$/);
      const row = leader.getByRole("row", { name: /CSAT after resolution/ }).first();
      await row.getByText(/^(Active|Paused)$/).waitFor();
      expect(await row.getByRole("switch").count()).toBe(0);
      await expectNoAxeViolations(leader, "the surveys list for a leader");
      await leaderBrowser.close();
    });
  },
);
