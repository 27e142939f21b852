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
    cookieSecure: boolean;
    bodyLimitBytes: number;
    webDistDir?: string | undefined;
    /** Set when serving from PostgreSQL: live calls then meet across processes through it. */
    databaseUrl?: string | undefined;
  };
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    principal: Principal | null;
  };
}
