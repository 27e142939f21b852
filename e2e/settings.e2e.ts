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
  "settings journey: an admin sets up a team, a user, an API key and the channels",
  () => {
    let server: RunningServer;
    let browser: RunningBrowser;
    let page: Page;

    beforeAll(async () => {
      server = await startServer();
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await signInAsDemoAdmin(page, server.url);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** A settings list once loaded: its table, or the message shown when it is empty. */
    const listOrEmpty = (table: string, empty: string | RegExp) =>
      page.getByRole("table", { name: table }).or(page.getByText(empty));

    it("creates a team and deletes it after confirming", async () => {
      await page.getByRole("link", { name: "Teams", exact: true }).click();
      const table = page.getByRole("table", { name: "Teams" });
      await table.waitFor();
      await page.getByRole("textbox", { name: "New team name" }).fill("Escalations E2E");
      await page.getByRole("button", { name: "Create team" }).click();
      await table.getByRole("cell", { name: "Escalations E2E", exact: true }).waitFor();
      await expectNoAxeViolations(page, "the Teams page");

      await page.getByRole("button", { name: "Delete team Escalations E2E" }).click();
      await page.getByRole("dialog", { name: "Delete team" }).waitFor();
      await expectNoAxeViolations(page, "the Delete team dialog");
      await page
        .getByRole("dialog", { name: "Delete team" })
        .getByRole("button", { name: "Delete team" })
        .click();
      await expect
        .poll(() => table.getByRole("cell", { name: "Escalations E2E", exact: true }).count(), {
          timeout: 15_000,
        })
        .toBe(0);
    });

    it("adds a QA user, then changes their role", async () => {
      await page.getByRole("link", { name: "Users", exact: true }).click();
      await page.getByRole("table", { name: "Users" }).waitFor();
      await expectNoAxeViolations(page, "the Users page");
      await page.getByRole("button", { name: "Add user" }).click();
      const dialog = page.getByRole("dialog", { name: "Add user" });
      await dialog.waitFor();
      await expectNoAxeViolations(page, "the Add user dialog");
      await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Quinn Analyst");
      await dialog
        .getByRole("textbox", { name: "Email", exact: true })
        .fill("quinn.e2e@demo.rapport.local");
      await dialog
        .getByRole("textbox", { name: "Initial password", exact: true })
        .fill("a-long-password-1");
      await dialog.getByRole("combobox", { name: "Role" }).click();
      await page.getByRole("option", { name: "QA analyst" }).click();
      await dialog.getByRole("button", { name: "Add user" }).click();
      await dialog.waitFor({ state: "hidden" });

      const role = page.getByRole("combobox", { name: "Role for Quinn Analyst" });
      await role.waitFor();
      expect(await role.inputValue()).toBe("QA analyst");
      await role.click();
      await page.getByRole("option", { name: "Team leader" }).waitFor();
      await expectNoAxeViolations(page, "the Users page with a role's options open");
      await page.getByRole("option", { name: "Team leader" }).click();
      await expect.poll(() => role.inputValue(), { timeout: 15_000 }).toBe("Team leader");
      await page.reload();
      await expect.poll(() => role.inputValue(), { timeout: 15_000 }).toBe("Team leader");
    });

    it("creates an API key shown once, then revokes it", async () => {
      await page.getByRole("link", { name: "API keys", exact: true }).click();
      await listOrEmpty("API keys", "No API keys").waitFor();
      await expectNoAxeViolations(page, "the API keys page");
      await page.getByRole("button", { name: "Create API key" }).click();
      const dialog = page.getByRole("dialog", { name: "Create API key" });
      await dialog.waitFor();
      await expectNoAxeViolations(page, "the Create API key dialog");
      await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("E2E export");
      await dialog.getByRole("checkbox", { name: "ingest" }).check();
      await dialog.getByRole("button", { name: "Create key" }).click();

      const created = page.getByRole("dialog", { name: "API key created" });
      await created.waitFor();
      await expectNoAxeViolations(page, "the API key created dialog");
      expect(await created.getByRole("alert").textContent()).toContain("only time");
      expect((await created.getByLabel("New API key").textContent())?.length ?? 0).toBeGreaterThan(
        16,
      );
      await created.getByRole("button", { name: "I have stored it" }).click();

      const table = page.getByRole("table", { name: "API keys" });
      await table.getByRole("cell", { name: "E2E export", exact: true }).waitFor();
      await page.getByRole("button", { name: "Revoke key E2E export" }).click();
      await page.getByRole("dialog", { name: "Revoke API key" }).waitFor();
      await expectNoAxeViolations(page, "the Revoke API key dialog");
      await page
        .getByRole("dialog", { name: "Revoke API key" })
        .getByRole("button", { name: "Revoke key" })
        .click();
      await expect
        .poll(() => page.getByRole("button", { name: "Revoke key E2E export" }).count(), {
          timeout: 15_000,
        })
        .toBe(0);
      expect(await table.getByRole("row", { name: /E2E export/ }).textContent()).toContain(
        "Revoked",
      );
    });

    it("turns off phone redaction for new messages, and the setting persists", async () => {
      await page.getByRole("link", { name: "Redaction", exact: true }).click();
      const phones = page.getByRole("checkbox", { name: /Phone numbers/ });
      await phones.waitFor();
      expect(await phones.isChecked()).toBe(true);
      await expectNoAxeViolations(page, "the Redaction page");
      await phones.uncheck();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
      await expectNoAxeViolations(page, "the Redaction page after saving");
      await page.reload();
      await phones.waitFor();
      expect(await phones.isChecked()).toBe(false);
      await phones.check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    });

    it("adds a mailbox, polls it now and shows why the poll failed, then deletes it", async () => {
      await page.getByRole("link", { name: "Mailboxes", exact: true }).click();
      await listOrEmpty("Mailboxes", "No mailboxes").waitFor();
      await expectNoAxeViolations(page, "the Mailboxes page");
      await page.getByRole("button", { name: "Add mailbox" }).click();
      const dialog = page.getByRole("dialog", { name: "Add mailbox" });
      await dialog.waitFor();
      await expectNoAxeViolations(page, "the Add mailbox dialog");
      await dialog.getByRole("textbox", { name: "Support address" }).fill("help@e2e.example");
      await dialog.getByRole("textbox", { name: "IMAP host" }).fill("127.0.0.1");
      // Port 1 on loopback refuses the connection at once: a failing poll without any network.
      await dialog.getByRole("textbox", { name: "Port", exact: true }).fill("1");
      await dialog.getByRole("textbox", { name: "Username" }).fill("help");
      await dialog.getByRole("textbox", { name: "Password" }).fill("not-a-real-password");
      await dialog.getByRole("button", { name: "Add mailbox" }).click();
      await dialog.waitFor({ state: "hidden" });

      const table = page.getByRole("table", { name: "Mailboxes" });
      const row = table.getByRole("row", { name: /help@e2e\.example/ });
      await row.waitFor();
      expect(await row.innerText()).toContain("Never polled");
      await page.getByRole("button", { name: "Poll now, mailbox help@e2e.example" }).click();
      await expect
        .poll(
          async () => {
            const text = await row.innerText();
            if (text.includes("Never polled")) await page.reload();
            return text;
          },
          { timeout: 60_000, interval: 3_000 },
        )
        .toMatch(/refused|connect|error/i);
      await expectNoAxeViolations(page, "the Mailboxes page with a poll error");

      // A new password is stored (never shown) and clears the last poll error.
      await page.getByRole("button", { name: "New password for mailbox help@e2e.example" }).click();
      const passwordDialog = page.getByRole("dialog", { name: "New mailbox password" });
      await passwordDialog.waitFor();
      await expectNoAxeViolations(page, "the New mailbox password dialog");
      await passwordDialog.getByRole("textbox", { name: "Password" }).fill("rotated-password");
      await passwordDialog.getByRole("button", { name: "Save password" }).click();
      await passwordDialog.waitFor({ state: "hidden" });
      await expect.poll(() => row.innerText(), { timeout: 15_000 }).not.toMatch(/refused/i);
      expect(await page.content()).not.toContain("rotated-password");

      // Pausing stops polling until resumed; the row says so.
      await page.getByRole("button", { name: "Pause mailbox help@e2e.example" }).click();
      await page.getByRole("button", { name: "Resume mailbox help@e2e.example" }).waitFor();
      expect(await row.innerText()).toMatch(/disabled/i);

      await page.getByRole("button", { name: "Delete mailbox help@e2e.example" }).click();
      await page.getByRole("dialog", { name: "Delete mailbox" }).waitFor();
      await expectNoAxeViolations(page, "the Delete mailbox dialog");
      await page
        .getByRole("dialog", { name: "Delete mailbox" })
        .getByRole("button", { name: "Delete mailbox" })
        .click();
      await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    });

    it("creates a webhook source: mapping errors in place, the secret shown once, then deletes it", async () => {
      await page.getByRole("link", { name: "Webhook sources", exact: true }).click();
      await listOrEmpty("Webhook sources", /^No webhook sources/).waitFor();
      await expectNoAxeViolations(page, "the Webhook sources page");
      await page.getByRole("button", { name: "Add webhook source" }).click();
      const dialog = page.getByRole("dialog", { name: "Add webhook source" });
      await dialog.waitFor();
      await expectNoAxeViolations(page, "the Add webhook source dialog");
      await dialog.getByRole("textbox", { name: "Name" }).fill("E2E chat");
      await dialog.getByRole("textbox", { name: "Source" }).fill("e2e-widget");
      const mapping = dialog.getByRole("textbox", { name: "Mapping" });
      const example = await mapping.inputValue();

      await mapping.fill("{ not json");
      expect(await dialog.getByRole("button", { name: "Create source" }).isDisabled()).toBe(true);
      await mapping.fill(example.replace('"$.conversation.id"', '"$.conversation["'));
      await dialog.getByRole("button", { name: "Create source" }).click();
      const problems = dialog.getByRole("alert").filter({ hasText: "The mapping is not valid" });
      await problems.waitFor();
      expect(await problems.innerText()).toContain("conversationExternalId");
      await expectNoAxeViolations(page, "the Add webhook source dialog with mapping errors");

      await mapping.fill(example);
      await dialog.getByRole("button", { name: "Create source" }).click();
      const created = page.getByRole("dialog", { name: "Webhook source created" });
      await created.waitFor();
      await expectNoAxeViolations(page, "the Webhook source created dialog");
      expect(await created.getByLabel("Signing secret", { exact: true }).textContent()).toMatch(
        /\S{16,}/,
      );
      expect(await created.getByLabel("Delivery URL", { exact: true }).textContent()).toContain(
        "/api/v1/webhooks/",
      );
      await created.getByRole("button", { name: "I have stored it" }).click();

      const table = page.getByRole("table", { name: "Webhook sources" });
      await table.getByRole("cell", { name: "E2E chat", exact: true }).waitFor();
      expect(await table.innerText()).not.toContain("whsec_");
      // Pausing marks it disabled (deliveries are refused); resuming clears that.
      await page.getByRole("button", { name: "Pause webhook source E2E chat" }).click();
      await page.getByRole("button", { name: "Resume webhook source E2E chat" }).waitFor();
      await expectNoAxeViolations(page, "the Webhook sources page with a paused source");
      // The badge is upper-cased by CSS, which innerText follows.
      expect(await table.innerText()).toMatch(/disabled/i);
      await page.getByRole("button", { name: "Resume webhook source E2E chat" }).click();
      await page.getByRole("button", { name: "Pause webhook source E2E chat" }).waitFor();
      expect(await table.innerText()).not.toMatch(/disabled/i);
      await page.getByRole("button", { name: "Delete webhook source E2E chat" }).click();
      await page.getByRole("dialog", { name: "Delete webhook source" }).waitFor();
      await expectNoAxeViolations(page, "the Delete webhook source dialog");
      await page
        .getByRole("dialog", { name: "Delete webhook source" })
        .getByRole("button", { name: "Delete source" })
        .click();
      await expect
        .poll(() => table.getByRole("cell", { name: "E2E chat", exact: true }).count(), {
          timeout: 15_000,
        })
        .toBe(0);
    });
  },
);
