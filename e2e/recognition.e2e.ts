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
const DEMO_AGENT = { email: "agent@demo.rapport.local", password: "rapport-demo" };

async function signInAsDemoAgent(page: Page, baseUrl: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(DEMO_AGENT.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_AGENT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: /Account menu for/ }).waitFor();
}

async function choose(page: Page, label: string, option?: string): Promise<void> {
  await page.getByRole("combobox", { name: label }).click();
  const options = page.getByRole("option");
  await (option ? page.getByRole("option", { name: option }) : options.first()).click();
}

describe.skipIf(skipReason !== null)(
  "recognition journey: a curator publishes a wow story; an agent gives kudos and submits an idea",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;
    // Letters only: digits would be redacted out of the published title like any number.
    const tag = Date.now()
      .toString(36)
      .replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);
    const title = `Replacement sent same day ${tag}`;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signInAsDemoAdmin(page, server.url, "/login?next=%2Frecognition");
      await page.waitForURL(/\/recognition$/);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
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
        if (path === "/culture")
          await page
            .getByText(/hidden \(under 8 agents\)/)
            .first()
            .waitFor();
        await expectNoAxeViolations(page, `the ${heading} page`);
      }
    });

    it("an agent sees the story, gives kudos and submits an idea", async () => {
      // The curator's steps are done: sign them out and the agent in, in the same browser.
      await browser.context.clearCookies();
      await signInAsDemoAgent(page, server.url, "/recognition");
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
  },
);
