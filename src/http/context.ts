import type { Db } from "../db/client.ts";
import type { ApiScope, RoleName } from "../db/schema/index.ts";
import type { Queue } from "../jobs/queue.ts";
import type { Logger } from "../logger.ts";

export type Principal =
  | {
      kind: "session";
      orgId: string;
      userId: string;
      role: RoleName;
      sessionId: string;
      csrfToken: string;
    }
  | { kind: "apikey"; orgId: string; apiKeyId: string; scopes: ApiScope[] };

/** What every request handler can reach. Built once per process in `createApp`. */
export interface AppDeps {
  db: Db;
  logger: Logger;
  queue: Queue;
  config: {
    /** Always mark the session cookie Secure (it is also Secure whenever the request came over HTTPS). */
    cookieSecure: boolean;
    bodyLimitBytes: number;
    webDistDir?: string | undefined;
    /** Believe X-Forwarded-Proto / X-Forwarded-For (RAPPORT_TRUST_PROXY). */
    trustProxy?: boolean | undefined;
  };
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    principal: Principal | null;
  };
}
