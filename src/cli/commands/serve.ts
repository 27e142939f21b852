import type { Command } from "commander";
import { loadEnv } from "../../env.ts";
import { createLogger } from "../../logger.ts";
import { startServer } from "../../server.ts";
import { controlSocketPath, listenForCommands, type CommandRunner } from "../control.ts";

/** `runForCli` runs the command lines that CLI processes send while this server owns PGlite. */
export function registerServeCommand(program: Command, runForCli: CommandRunner): void {
  program
    .command("serve")
    .description(
      "Run the web app and API (and, by default, the job workers) on PORT (default 3000)",
    )
    .option("--port <port>", "port to listen on (overrides PORT)")
    .option("--no-workers", "do not run job workers in this process (run `rapport worker` instead)")
    .action(async (opts: { port?: string; workers: boolean }) => {
      const env = loadEnv(opts.port ? { ...process.env, PORT: opts.port } : process.env);
      const logger = createLogger(env.LOG_LEVEL);
      const workers = opts.workers && env.RAPPORT_WORKERS === "in-process";
      const server = await startServer(env, logger, { workers });
      // The embedded database is this process's alone: CLI commands reach it through this server.
      const control =
        server.database.kind === "pglite"
          ? await listenForCommands(
              controlSocketPath(env.dataDir),
              server.database,
              logger,
              runForCli,
            )
          : null;
      const shutdown = (signal: string) => {
        logger.info({ signal }, "shutting down");
        // A second signal while draining exits at once.
        process.once(signal, () => process.exit(1));
        (async () => {
          await control?.close();
          await server.close();
        })().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err: String(err) }, "shutdown failed");
            process.exit(1);
          },
        );
      };
      process.once("SIGINT", () => shutdown("SIGINT"));
      process.once("SIGTERM", () => shutdown("SIGTERM"));
    });
}
