import type { Db } from "../db/client.ts";
import type { Queue } from "../jobs/queue.ts";
import type { Logger } from "../logger.ts";
import type { Principal } from "../lib/principal.ts";

// Domains import the principal from src/lib; HTTP code keeps importing it from here.
export type { Principal };

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
    /** Set when serving from PostgreSQL: live calls then meet across processes through it. */
    databaseUrl?: string | undefined;
    /** RAPPORT_OPERATOR_EMAILS, lower-cased: who may download a whole-instance backup. */
    operatorEmails?: readonly string[] | undefined;
    /** Where the one-time setup token is, while the instance has no organization. */
    setupTokenFile?: string | undefined;
    /** RAPPORT_LLM_*: the instance-wide language model, when set (an organization's setting wins). */
    llm?: { url: string; model: string; apiKey?: string | undefined } | undefined;
  };
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    principal: Principal | null;
  };
}
