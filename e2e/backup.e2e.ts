import fs from "node:fs";
import path from "node:path";
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
  "backup journey: the operator downloads a backup and restores it onto a new instance",
  () => {
    let source: RunningServer;
    let target: RunningServer;
    let browser: RunningBrowser;
    let page: Page;
    let backupFile = "";

    beforeAll(async () => {
      [source, target] = await Promise.all([
        startServer(),
        startServer({ env: { RAPPORT_DEMO: "off" } }),
      ]);
      browser = await launchBrowser();
      page = await browser.context.newPage();
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await Promise.all([source?.stop(), target?.stop()]);
    });

    it("downloads every row from Settings → Backup", async () => {
      await signInAsDemoAdmin(page, source.url);
      await page.getByRole("link", { name: "Backup", exact: true }).click();
      await page.getByRole("heading", { name: "Backup", level: 1 }).waitFor();
      await expectNoAxeViolations(page, "the backup page");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Download backup" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^rapport-\d{4}-\d{2}-\d{2}\.backup\.jsonl$/);
      backupFile = path.join(source.dataDir, "downloaded.backup.jsonl");
      await download.saveAs(backupFile);
      const header = JSON.parse(fs.readFileSync(backupFile, "utf8").split("\n")[0]!) as {
        tables: { name: string; rows: number }[];
      };
      expect(header.tables.find((t) => t.name === "conversations")!.rows).toBeGreaterThan(1000);
    });

    it("restores it at /setup on an empty instance, with the token from its data directory", async () => {
      await page.goto(`${target.url}/login`);
      await page.getByText("This instance is empty.").waitFor();
      await expectNoAxeViolations(page, "the sign-in page of an empty instance");
      await page.getByRole("link", { name: "Restore a backup" }).click();
      await page.getByRole("heading", { name: "Set up Rapport" }).waitFor();
      await expectNoAxeViolations(page, "the setup page");
      await page.locator('input[type="file"]').setInputFiles(backupFile);
      await page.getByRole("textbox", { name: "Setup token" }).fill("a wrong token");
      await page.getByRole("button", { name: "Restore backup" }).click();
      await page
        .getByRole("alert")
        .getByText(/Wrong or missing setup token/)
        .waitFor();

      const token = fs.readFileSync(path.join(target.dataDir, "setup-token"), "utf8").trim();
      await page.getByRole("textbox", { name: "Setup token" }).fill(token);
      await page.getByRole("button", { name: "Restore backup" }).click();
      await page.getByText("Backup restored").waitFor({ timeout: 120_000 });
      await expectNoAxeViolations(page, "the setup page after a restore");
      // Both servers are on 127.0.0.1, so the browser holds the source's session cookie: forget it
      // and sign in with the restored account.
      await browser.context.clearCookies();
      await page.getByRole("link", { name: "Sign in" }).click();
      await signInAsDemoAdmin(page, target.url, "/login?next=/conversations");
      const table = page.getByRole("table", { name: "Conversations" });
      await expect
        .poll(() => table.getByRole("row").count(), { timeout: 30_000 })
        .toBeGreaterThan(1);
    });
  },
);
