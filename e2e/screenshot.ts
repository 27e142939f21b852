/**
 * Saves docs/screenshot.png (1280×800): a demo conversation with a complaint, its evidence highlighted in the
 * transcript beside the predicted satisfaction and its drivers, signed in as the demo admin.
 * Run with `npx tsx e2e/screenshot.ts`; it starts its own server on a fresh data directory, or uses
 * RAPPORT_URL (an already running demo server) when set.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { browserSkipReason, launchBrowser, signInAsDemoAdmin, startServer } from "./harness.ts";

const output = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "docs",
  "screenshot.png",
);

interface ListItem {
  id: string;
  messageCount: number;
  analysis: { signals: string[] } | null;
}

/** A short chat with a complaint and an agent reply worth coaching: the view explains itself. */
async function pickConversation(page: Page, base: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const res = await page.request.get(
      `${base}/api/v1/conversations?channel=chat&signal=complaint&sentiment=negative&limit=200`,
    );
    const { items } = (await res.json()) as { items: ListItem[] };
    const fits = items.filter((c) => c.messageCount >= 5 && c.messageCount <= 8);
    const best =
      fits.find((c) => c.analysis?.signals.some((s) => /framing|blame/.test(s))) ?? fits[0];
    if (best) return best.id;
    await page.waitForTimeout(3_000);
  }
  throw new Error("No analysed demo conversation with a complaint was found");
}

if (browserSkipReason() !== null) process.exit(1);

const external = process.env.RAPPORT_URL;
const server = external ? null : await startServer();
const base = external ?? server?.url ?? "";
const browser = await launchBrowser({ width: 1280, height: 800 });
try {
  const page = await browser.context.newPage();
  await signInAsDemoAdmin(page, base);
  const id = await pickConversation(page, base);
  await page.goto(`${base}/conversations/${id}`);
  await page.locator("mark[data-signals]").first().waitFor();
  await page.locator(".recharts-line-curve").first().waitFor();
  await mkdir(path.dirname(output), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`Saved ${path.relative(process.cwd(), output)} (conversation ${id})`);
} finally {
  await browser.close();
  await server?.stop();
}
