import fs from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { TrieRouter } from "hono/router/trie-router";
import { secureHeaders } from "hono/secure-headers";
import { authRoutes } from "./domains/auth/auth.routes.ts";
import { backupRoutes, RESTORE_MAX_BYTES } from "./domains/backup/index.ts";
import { connectorsRoutes } from "./domains/connectors/index.ts";
import {
  conversationsRoutes,
  INGEST_MAX_BYTES,
  ingestRoutes,
} from "./domains/conversations/index.ts";
import {
  casesAdminRoutes,
  casesRoutes,
  escalationPages,
  publicEscalationRoutes,
  slaPoliciesRoutes,
} from "./domains/cases/index.ts";
import { insightsRoutes } from "./domains/insights/index.ts";
import { customersRoutes } from "./domains/customers/index.ts";
import { assistLibraryRoutes, assistRoutes } from "./domains/assist/index.ts";
import { cultureRoutes } from "./domains/culture/index.ts";
import { ideasRoutes } from "./domains/ideas/index.ts";
import { bestPracticesRoutes, recognitionRoutes } from "./domains/recognition/index.ts";
import { emailRoutes } from "./domains/email/index.ts";
import { llmRoutes } from "./domains/llm/index.ts";
import { KB_IMPORT_MAX_BYTES, kbRoutes, searchKnowledge } from "./domains/kb/index.ts";
import { orgsRoutes } from "./domains/orgs/index.ts";
import { queueRoutes, reviewsRoutes, scorecardsRoutes } from "./domains/qa/index.ts";
import { reportsRoutes } from "./domains/reports/index.ts";
import { retentionRoutes } from "./domains/retention/index.ts";
import {
  createSurveyThrottles,
  pulseRoutes,
  surveyAnswerRoute,
  surveyPageRoutes,
  surveysRoutes,
} from "./domains/surveys/index.ts";
import { peopleRoutes } from "./domains/people/index.ts";
import { transcriptsRoutes } from "./domains/voice/index.ts";
import { inboxRoutes, widgetRoutes, widgetScriptRoutes } from "./domains/widget/index.ts";
import { promisesRoutes } from "./domains/promises/index.ts";
import { vendorsRoutes } from "./domains/vendors/index.ts";
import { personasRoutes } from "./domains/personas/index.ts";
import { mountApiDocs } from "./http/api-docs.ts";
import { resolvePrincipal } from "./http/auth.middleware.ts";
import type { AppDeps, AppEnv } from "./http/context.ts";
import { AppError } from "./http/errors.ts";
import { limitJsonDepth } from "./http/json-depth.ts";
import { addBareRoute } from "./http/listener.ts";
import { onError } from "./http/on-error.ts";
import { logRequest } from "./http/request-log.ts";
import { SECURE_HEADERS_OPTIONS } from "./http/secure-headers.ts";
import { mountLiveAsyncApi, mountLiveCalls } from "./ws/index.ts";

export const API_VERSION = "0.1.0";

/** Routes that take more than the default body: whole batches, emails and transcripts (10 MB), backups (1 GiB). */
const BODY_LIMITS = new Map([
  ["/api/v1/interactions", INGEST_MAX_BYTES],
  ["/api/v1/email/mime", INGEST_MAX_BYTES],
  ["/api/v1/transcripts", INGEST_MAX_BYTES],
  ["/api/v1/setup/restore", RESTORE_MAX_BYTES],
  ["/api/v1/kb/import", KB_IMPORT_MAX_BYTES + 64 * 1024],
]);

/** Builds the whole HTTP app. Never listens: `server.ts` does, and tests call `app.request()`. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  // TrieRouter outright: Hono's default (SmartRouter) first builds a RegExpRouter over all ~800
  // routes on the first request, which rejects this route set (UnsupportedPathError), and then
  // settles on a TrieRouter anyway; that wasted attempt was ~30 ms of the first request.
  const app = new OpenAPIHono<AppEnv>({ router: new TrieRouter() });
  app.onError(onError);
  app.use("*", requestId({ headerName: "x-request-id" }));
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    const startedAt = performance.now();
    await next();
    if (c.req.path !== "/healthz") {
      logRequest(deps.logger, {
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        startedAt,
        orgId: c.var.principal?.orgId,
      });
    }
  });
  // Ahead of the security headers: other websites load /widget.js (it sets its own headers).
  app.route("/", widgetScriptRoutes());
  app.use("*", secureHeaders(SECURE_HEADERS_OPTIONS));

  app.get("/healthz", (c) => c.json({ status: "ok", version: API_VERSION }));

  const limitFor = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", { message: `body: larger than ${maxSize} bytes` });
      },
    });
  const defaultLimit = limitFor(deps.config.bodyLimitBytes);
  const largeLimits = new Map([...BODY_LIMITS].map(([p, bytes]) => [p, limitFor(bytes)]));
  app.use("/api/*", (c, next) => (largeLimits.get(c.req.path) ?? defaultLimit)(c, next));
  app.use("/api/*", limitJsonDepth);
  app.use("/api/v1/*", resolvePrincipal);
  app.route("/api/v1", authRoutes());
  app.route("/api/v1", conversationsRoutes());
  app.route("/api/v1", reportsRoutes());
  app.route("/api/v1", ingestRoutes());
  app.route("/api/v1", orgsRoutes());
  app.route("/api/v1", emailRoutes());
  app.route("/api/v1", connectorsRoutes());
  app.route("/api/v1", transcriptsRoutes());
  app.route("/api/v1", customersRoutes());
  app.route("/api/v1", retentionRoutes());
  app.route("/api/v1", backupRoutes());
  app
    .route("/api/v1", scorecardsRoutes())
    .route("/api/v1", reviewsRoutes())
    .route("/api/v1", queueRoutes());
  app.route("/api/v1", surveysRoutes()).route("/api/v1", pulseRoutes());
  app.route("/api/v1", casesRoutes()).route("/api/v1", slaPoliciesRoutes());
  app.route("/api/v1", casesAdminRoutes()).route("/api/v1", publicEscalationRoutes());
  app.route("/api/v1", llmRoutes());
  app.route("/api/v1", insightsRoutes());
  app.route("/api/v1", kbRoutes());
  app.route("/api/v1", widgetRoutes(searchKnowledge)).route("/api/v1", inboxRoutes());
  app.route("/api/v1", assistRoutes()).route("/api/v1", assistLibraryRoutes());
  app.route("/api/v1", peopleRoutes());
  app.route("/api/v1", promisesRoutes()).route("/api/v1", vendorsRoutes());
  app.route("/api/v1", personasRoutes());
  app.route("/api/v1", recognitionRoutes()).route("/api/v1", bestPracticesRoutes());
  app.route("/api/v1", ideasRoutes()).route("/api/v1", cultureRoutes());

  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "rapport_session",
  });
  app.doc31("/api/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Rapport API",
      version: API_VERSION,
      description:
        "Customer-service quality and voice-of-customer platform. Authenticate with a session cookie " +
        "(send X-CSRF-Token on writes) or `Authorization: Bearer <API key>`.",
    },
    security: [{ apiKey: [] }, { session: [] }],
  });
  mountApiDocs(app);
  mountLiveAsyncApi(app, API_VERSION);

  // WebSocket, outside OpenAPI; `liveServerOf(app).inject(server)` accepts upgrades once serving.
  mountLiveCalls(app, deps);

  app.all("/api/*", () => {
    throw new AppError("NOT_FOUND", { message: "No such API route" });
  });

  // Answers also have a bare route (no Hono chain; `src/http/listener.ts`) sharing these limits.
  const surveyThrottles = createSurveyThrottles();
  app.route("/", surveyPageRoutes(surveyThrottles));
  addBareRoute(app, surveyAnswerRoute(deps, surveyThrottles));
  app.route("/", escalationPages());
  mountWebApp(app, deps.config.webDistDir);
  return app;
}

/** Serves the built single-page app, with index.html for every client-side route. */
function mountWebApp(app: OpenAPIHono<AppEnv>, dir: string | undefined): void {
  if (!dir) return;
  const index = path.join(dir, "index.html");
  const root = path.relative(process.cwd(), dir) || ".";
  app.use("/assets/*", serveStatic({ root }));
  app.use("*", serveStatic({ root }));
  app.get("*", (c) => {
    if (!fs.existsSync(index))
      return c.text("The web app is not built: run `npm run build:web`.", 503);
    return c.html(fs.readFileSync(index, "utf8"));
  });
}
