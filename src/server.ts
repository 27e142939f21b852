import path from "node:path";
import type { ServerType } from "@hono/node-server";
import { createApp } from "./app.ts";
import { databaseConfigFromEnv, openDatabase, type Database } from "./db/client.ts";
import { enqueueMissingAnalyses } from "./domains/conversations/index.ts";
import { findOrgBySlug } from "./domains/orgs/index.ts";
import { needsSetup, writeSetupToken } from "./domains/backup/index.ts";
import { hasAnyOrganization, seedDemo } from "./domains/demo/index.ts";
import type { Env } from "./env.ts";
import { PACKAGE_ROOT } from "./lib/package-root.ts";
import { answerClientErrors } from "./http/client-error.ts";
import { serveApp } from "./http/listener.ts";
import { Queue } from "./jobs/queue.ts";
import { JOB_DEFINITIONS, RECURRING } from "./jobs/registry.ts";
import { startWorker, type Worker } from "./jobs/worker.ts";
import type { Logger } from "./logger.ts";
import { liveServerOf } from "./ws/index.ts";

export const WEB_DIST_DIR = path.join(PACKAGE_ROOT, "web", "dist");
export const DEMO_LOGIN = { email: "admin@demo.rapport.local", password: "rapport-demo" };

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(env: Env, logger: Logger): Promise<Database> {
  const database = await openDatabase(databaseConfigFromEnv(env));
  const started = Date.now();
  await database.migrate();
  logger.debug({ ms: Date.now() - started, kind: database.kind }, "migrations applied");
  return database;
}

/**
 * The recurring jobs' first ticks are spread out after start-up rather than fired together: ~20
 * enqueues (and the jobs they start) at once competed with the first requests for the one core and
 * the database. The first waits RECURRING_FIRST_TICK_MS; each next one RECURRING_STAGGER_MS more.
 * A tick's unique key is its period, so a late first tick still runs each job once per period.
 */
const RECURRING_FIRST_TICK_MS = 2_000;
const RECURRING_STAGGER_MS = 250;

/** Starts job workers plus the recurring-job ticker; returns a stopper. */
export function startWorkers(
  database: Database,
  queue: Queue,
  logger: Logger,
  concurrency = 4,
): Worker {
  const worker = startWorker({ db: database.db, queue, logger }, JOB_DEFINITIONS, { concurrency });
  const timers: NodeJS.Timeout[] = [];
  RECURRING.forEach(({ name, everyMs, urgent }, i) => {
    const tick = () => {
      const period = Math.floor(Date.now() / everyMs);
      queue.enqueue(name, {}, { uniqueKey: String(period), urgent }).catch((err: unknown) => {
        logger.warn({ err: String(err), job: name }, "could not enqueue recurring job");
      });
    };
    const first = setTimeout(
      () => {
        tick();
        timers.push(setInterval(tick, everyMs));
      },
      RECURRING_FIRST_TICK_MS + i * RECURRING_STAGGER_MS,
    );
    timers.push(first);
  });
  return {
    drain: () => worker.drain(),
    async stop() {
      // clearTimeout and clearInterval clear either kind of Node timer.
      timers.forEach(clearTimeout);
      await worker.stop();
    },
  };
}

export interface RunningServer {
  url: string;
  /** The server's open database, for work it does on behalf of the CLI (src/cli/control.ts). */
  database: Database;
  close(): Promise<void>;
}

/** `rapport serve`: migrate, seed the demo on an empty database, serve the API and web app, run workers. */
export async function startServer(
  env: Env,
  logger: Logger,
  opts: { workers: boolean },
): Promise<RunningServer> {
  const database = await openMigratedDatabase(env, logger);
  const { db } = database;
  if (env.RAPPORT_DEMO === "on" && !(await hasAnyOrganization(db))) {
    logger.info("empty database: seeding the demo organization (first start only)");
    const started = Date.now();
    const result = await seedDemo(db);
    logger.info(
      { ms: Date.now() - started, conversations: result.conversations, messages: result.messages },
      "demo seeded",
    );
    // The workers analyse the demo in the background; the UI shows results as they land.
    await enqueueMissingAnalyses({ db, queue: new Queue(db) }, result.orgId);
  }
  const queue = new Queue(db);
  const setupTokenFile = path.join(env.dataDir, "setup-token");
  if (await needsSetup(db)) {
    writeSetupToken(setupTokenFile);
    logger.warn(
      { setupTokenFile },
      "no organization yet: create one with `rapport org create`, or restore a backup at /setup with the token in this file",
    );
  }
  const app = createApp({
    db,
    logger,
    queue,
    config: {
      cookieSecure: env.RAPPORT_COOKIE_SECURE === "true",
      trustProxy: env.RAPPORT_TRUST_PROXY === "true",
      bodyLimitBytes: env.RAPPORT_BODY_LIMIT_BYTES,
      webDistDir: WEB_DIST_DIR,
      databaseUrl: database.kind === "postgres" ? env.DATABASE_URL : undefined,
      operatorEmails: env.RAPPORT_OPERATOR_EMAILS?.split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
      setupTokenFile,
      llm:
        env.RAPPORT_LLM_URL && env.RAPPORT_LLM_MODEL
          ? {
              url: env.RAPPORT_LLM_URL,
              model: env.RAPPORT_LLM_MODEL,
              apiKey: env.RAPPORT_LLM_API_KEY,
            }
          : undefined,
    },
  });
  // The app's bare routes (survey answers) first, then Hono.
  const server: ServerType = await serveApp(app, { port: env.PORT, hostname: env.HOST });
  answerClientErrors(server);
  liveServerOf(app)?.inject(server);
  // Workers start once the server answers, so queued work does not delay the first request.
  const worker = opts.workers ? startWorkers(database, queue, logger) : null;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://localhost:${port}`;
  const demo = await findOrgBySlug(db, "demo");
  logger.info({ url, database: database.kind, workers: opts.workers }, "Rapport is listening");
  process.stdout.write(`\n  Rapport is running at ${url}\n`);
  if (demo) process.stdout.write(`  Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}\n`);
  process.stdout.write(`  API reference: ${url}/api/docs\n\n`);

  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    close() {
      closing ??= (async () => {
        // Live calls are stored and their sockets closed first: open WebSockets would hold the close.
        await liveServerOf(app)?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // In-flight requests finish; idle keep-alive sockets would otherwise hold the close open.
          if ("closeIdleConnections" in server) server.closeIdleConnections();
        });
        await worker?.stop();
        await database.close();
      })();
      return closing;
    },
  };
}
