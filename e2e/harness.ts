/**
 * E2E harness: runs the REAL server (`node bin/rapport.js serve`) on a fresh data directory and a free port,
 * and a system Chromium through playwright-core. Nothing is mocked: a journey that passes here passes for a
 * person who runs `npm start`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { constants, existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Debian's Chromium; we never download a browser (`npx playwright install` is not allowed here). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

// The first start migrates, seeds and analyses ~5,200 demo conversations: about a minute on an idle 2-core
// machine, several under load (other test suites running): allow four.
const HEALTH_TIMEOUT_MS = 240_000;

/**
 * Why the browser journeys cannot run, or null when they can. In CI a missing browser is a failure, not a
 * skip: a suite that silently skips proves nothing.
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `${CHROMIUM_PATH} not found: install it with \`apt-get install chromium\` to run the e2e journeys`;
  if (process.env.CI === "true") throw new Error(`E2E cannot run in CI: ${reason}`);
  console.warn(`Skipping e2e journeys: ${reason}`);
  return reason;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds the server (dist/) and the web app (web/dist/) when missing or older than their sources. */
function buildIfStale(): void {
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, "scripts", "build.mjs"), "--if-stale"],
    {
      cwd: REPO_ROOT,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error("The build failed (see output above)");
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The server's recent output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<RunningServer>();

/** The servers this test file started and has not stopped: their output explains a failure. */
export function runningServers(): RunningServer[] {
  return [...running];
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const BIN = path.join(REPO_ROOT, "bin", "rapport.js");
/** Set by e2e/global-setup.ts for the journeys: a data directory holding the analysed demo. */
export const TEMPLATE_ENV = "RAPPORT_E2E_TEMPLATE_DIR";

/**
 * Seeds the demo and runs every job it queues (analysis, QA scores, cases …) once, with the real
 * CLI (`rapport demo`, then `rapport worker --drain`), into a directory each journey's server
 * starts from a copy of. Seeding and analysing per journey cost a minute or more each on 2 cores,
 * and an analysis running beside the browser slowed every journey down.
 */
export async function prepareDemoTemplate(): Promise<string> {
  buildIfStale();
  const dir = await mkdtemp(path.join(os.tmpdir(), "rapport-e2e-template-"));
  const env = { ...process.env, RAPPORT_DATA_DIR: dir, LOG_LEVEL: "warn" };
  for (const args of [["demo"], ["worker", "--drain", "--concurrency", "2"]]) {
    const run = spawnSync(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: "inherit",
    });
    if (run.status !== 0) throw new Error(`rapport ${args.join(" ")} failed (see output above)`);
  }
  return dir;
}

/**
 * Starts the real server on a fresh data directory: a copy of the analysed demo when the global
 * setup made one and the demo is on, else an empty one (the server seeds it on first start).
 */
export async function startServer(
  opts: { env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const template = process.env[TEMPLATE_ENV];
  // The global setup built before it made the template; sources do not change during a run.
  if (!template) buildIfStale();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rapport-e2e-data-"));
  // A copy-on-write clone where the file system offers one, else a plain copy.
  if (template && (opts.env?.RAPPORT_DEMO ?? "on") === "on")
    await cp(template, dataDir, { recursive: true, mode: constants.COPYFILE_FICLONE });
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;

  let log = "";
  const child = spawn(process.execPath, [BIN, "serve"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      RAPPORT_DATA_DIR: dataDir,
      PORT: String(port),
      RAPPORT_DEMO: "on",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);

  const stop = async () => {
    running.delete(server);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 10_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const server: RunningServer = { url, dataDir, output: () => log, stop };
  running.add(server);
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Server exited with code ${child.exitCode} before it was healthy:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`Server was not healthy within ${HEALTH_TIMEOUT_MS / 1000}s:\n${log}`);
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile per launch so no cookie or cache leaks between journeys. */
export async function launchBrowser(
  viewport = { width: 1280, height: 800 },
): Promise<RunningBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "rapport-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the API from a signed-in page, with the session's CSRF token. */
export async function callApi<T>(
  page: Page,
  method: string,
  apiPath: string,
  body?: unknown,
): Promise<T> {
  return page.evaluate(
    async ({ method, apiPath, body }) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${apiPath}`, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${apiPath}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, apiPath, body },
  );
}

export const DEMO_ADMIN = { email: "admin@demo.rapport.local", password: "rapport-demo" };

/**
 * Signs in as the demo admin through the login form and waits for the signed-in shell. `loginPath` may
 * carry `?next=` to land somewhere other than the default page.
 */
export async function signInAsDemoAdmin(
  page: Page,
  baseUrl: string,
  loginPath = "/login",
): Promise<void> {
  await page.goto(`${baseUrl}${loginPath}`);
  await page.getByLabel("Email").fill(DEMO_ADMIN.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: /Account menu for/ }).waitFor();
}

/**
 * Opens the first conversation in the list with at least `minMessages` messages (the table's last
 * column). The demo is seeded relative to today, so which conversation comes first changes with the
 * date: journeys choose by a stable property of the conversation, never by its position alone.
 */
export async function openFirstConversationWith(
  table: Locator,
  minMessages: number,
): Promise<void> {
  const rows = table.getByRole("row");
  const count = await rows.count();
  for (let i = 1; i < count; i++) {
    const messages = Number((await rows.nth(i).getByRole("cell").last().innerText()).trim());
    if (messages < minMessages) continue;
    await rows.nth(i).getByRole("link").first().click();
    return;
  }
  throw new Error(`no conversation on this page has ${minMessages} or more messages`);
}

/**
 * Turns a switch on or off from the keyboard (focus, then Space), as a keyboard user does. Its input
 * is visually hidden under its label, so a pointer click has to be forced onto it, and a forced
 * click lands on whatever lies on top at that point: in CI one left the switch off (a tooltip
 * still open from an earlier hover is the likely taker). The state is then polled, not read once.
 */
export async function setSwitch(page: Page, name: string, on: boolean): Promise<void> {
  const input = page.getByRole("switch", { name });
  if ((await input.isChecked()) === on) return;
  await input.focus();
  await page.keyboard.press("Space");
  await expect.poll(() => input.isChecked(), { timeout: 10_000 }).toBe(on);
}
