/**
 * Saves docs/screenshot.png (1280×800) of the conversations page, signed in as the demo admin.
 * Run with `npx tsx e2e/screenshot.ts`; it starts its own server on a fresh data directory.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_ADMIN, browserSkipReason, launchBrowser, startServer } from "./harness.ts";

const output = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "docs",
  "screenshot.png",
);

if (browserSkipReason() !== null) process.exit(1);

const server = await startServer();
const browser = await launchBrowser({ width: 1280, height: 800 });
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email").fill(DEMO_ADMIN.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: /Account menu for/ }).waitFor();
  await page.goto(`${server.url}/conversations`);
  await page.getByRole("table", { name: "Conversations" }).getByRole("row").nth(5).waitFor();
  await mkdir(path.dirname(output), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`Saved ${path.relative(process.cwd(), output)}`);
} finally {
  await browser.close();
  await server.stop();
}
