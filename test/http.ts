import type { Database } from "../src/db/client.ts";
import { createApp } from "../src/app.ts";
import type { AppDeps } from "../src/http/context.ts";
import { Queue } from "../src/jobs/queue.ts";
import { createLogger } from "../src/logger.ts";
import { TEST_PASSWORD } from "./factories.ts";

export type TestApp = ReturnType<typeof createApp>;

export function buildTestApp(
  database: Database,
  opts: { bodyLimitBytes?: number; config?: Partial<AppDeps["config"]> } = {},
): TestApp {
  return createApp({
    db: database.db,
    logger: createLogger("silent"),
    queue: new Queue(database.db),
    config: {
      cookieSecure: false,
      bodyLimitBytes: opts.bodyLimitBytes ?? 1_048_576,
      ...opts.config,
    },
  });
}

/** A logged-in browser: carries the session cookie and CSRF token like the web app does. */
export interface Session {
  cookie: string;
  csrfToken: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export async function loginAs(
  app: TestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200)
    throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    request: async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: {
          cookie,
          ...(method === "GET" ? {} : { "x-csrf-token": csrfToken }),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}

/** A session for each of `roles`, as the org's user of that role (buildOrg makes one per role). */
export async function loginEach<R extends string>(
  app: TestApp,
  org: { users: Record<R, { email: string }> },
  roles: readonly R[],
): Promise<Record<R, Session>> {
  const sessions = {} as Record<R, Session>;
  for (const role of roles) sessions[role] = await loginAs(app, org.users[role].email);
  return sessions;
}

/** Requests with an API key. */
export function withApiKey(app: TestApp, key: string) {
  return async (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

export async function errorCode(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: { code?: string } };
  return body.error?.code ?? `no error body (status ${res.status})`;
}
