import type { Command } from "commander";
import { databaseConfigFromEnv } from "../../db/client.ts";
import { loadEnv } from "../../env.ts";
import { Queue } from "../../jobs/queue.ts";
import { createLogger } from "../../logger.ts";
import { openMigratedDatabase, startWorkers } from "../../server.ts";

export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description(
      "Run background job workers as a separate process (several may share one PostgreSQL)",
    )
    .option("--concurrency <n>", "jobs run at once", "4")
    .option(
      "--drain",
      "run every job that is due, then exit (batch mode: after `rapport demo` or an import)",
    )
    .action(async (opts: { concurrency: string; drain?: boolean }) => {
      const env = loadEnv();
      const logger = createLogger(env.LOG_LEVEL);
      if (databaseConfigFromEnv(env).kind === "pglite" && !opts.drain) {
        logger.warn(
          "the embedded database serves one process: separate workers need DATABASE_URL (PostgreSQL)",
        );
      }
      const database = await openMigratedDatabase(env, logger);
      const worker = startWorkers(
        database,
        new Queue(database.db),
        logger,
        Math.max(1, Number(opts.concurrency) || 4),
      );
      const stop = async () => {
        await worker.stop();
        await database.close();
        process.exit(0);
      };
      if (opts.drain) {
        const ran = await worker.drain();
        logger.info({ jobs: ran }, "no job is due: worker done");
        await stop();
        return;
      }
      logger.info({ database: database.kind }, "worker started");
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
