import { loadEnv, type Env } from "../env.ts";
import { createLogger, type Logger } from "../logger.ts";
import { openMigratedDatabase } from "../server.ts";
import type { Database } from "../db/client.ts";
import { AppError } from "../http/errors.ts";

/** Runs a command body with a migrated database, closing it after; user errors print without a stack. */
export async function withDatabase<T>(
  fn: (database: Database, env: Env, logger: Logger) => Promise<T>,
): Promise<T> {
  const env = loadEnv();
  // CLI output is for people: logs go to stderr and only warnings by default.
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
  const database = await openMigratedDatabase(env, logger);
  try {
    return await fn(database, env, logger);
  } finally {
    await database.close();
  }
}

/** Prints a failure the way a person wants to read it, and sets a non-zero exit code. */
export function reportError(err: unknown): void {
  const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`rapport: ${message}\n`);
  process.exitCode = 1;
}
