import type { Command } from "commander";
import type { CommandHost } from "../context.ts";

export function registerMigrateCommand(program: Command, host: CommandHost): void {
  program
    .command("migrate")
    .description("Apply pending database migrations (serve and worker also do this at start)")
    .action(async () => {
      await host.withDatabase(async (database) => {
        host.stdout.write(`migrations applied (${database.kind})\n`);
      });
    });
}
