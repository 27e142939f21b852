import type { Command } from "commander";
import { withDatabase } from "../context.ts";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Apply pending database migrations (serve and worker also do this at start)")
    .action(async () => {
      await withDatabase(async (database) => {
        process.stdout.write(`migrations applied (${database.kind})\n`);
      });
    });
}
