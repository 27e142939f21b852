import { Command } from "commander";
import { registerAnalyzeCommand } from "./commands/analyze.ts";
import { registerApiKeyCommand } from "./commands/apikey.ts";
import { registerBackupCommands } from "./commands/backup.ts";
import { registerCasesCommand } from "./commands/cases.ts";
import { registerCustomerCommand } from "./commands/customer.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerImportCommand } from "./commands/import.ts";
import { registerLiveCommand } from "./commands/live.ts";
import { registerKbCommand } from "./commands/kb.ts";
import { registerMigrateCommand } from "./commands/migrate.ts";
import { registerOrgCommand } from "./commands/org.ts";
import { registerReanalyzeCommand } from "./commands/reanalyze.ts";
import { registerReportsCommand } from "./commands/reports.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerTopicsCommand } from "./commands/topics.ts";
import { registerUserCommand } from "./commands/user.ts";
import { registerWorkerCommand } from "./commands/worker.ts";
import { reportError, type CommandHost } from "./context.ts";

/**
 * The `rapport` command line. `scope: "database"` builds the part a running server runs for a CLI
 * (src/cli/control.ts): the commands that open the database, writing and exiting through `host`.
 */
export function createProgram(host: CommandHost, scope: "all" | "database" = "all"): Command {
  const program = new Command("rapport")
    .description(
      "Rapport: customer-service quality and voice of the customer, self-hosted.\n" +
        "Configuration comes from the environment: DATABASE_URL, RAPPORT_DATA_DIR, PORT (see README).",
    )
    .showHelpAfterError();
  if (scope === "database") {
    // Inside the server a usage error must reach the CLI, never end the server's process.
    program.exitOverride().configureOutput({
      writeOut: (text) => host.stdout.write(text),
      writeErr: (text) => host.stderr.write(text),
    });
  }
  if (scope === "all") {
    registerServeCommand(program, runCommandForCli);
    registerWorkerCommand(program);
  }
  registerMigrateCommand(program, host);
  registerDemoCommand(program, host);
  registerOrgCommand(program, host);
  registerUserCommand(program, host);
  registerCustomerCommand(program, host);
  registerBackupCommands(program, host);
  registerApiKeyCommand(program, host);
  if (scope === "all") registerAnalyzeCommand(program);
  if (scope === "all") registerLiveCommand(program);
  if (scope === "all") registerTopicsCommand(program);
  registerImportCommand(program, host);
  registerKbCommand(program, host);
  registerReanalyzeCommand(program, host);
  registerReportsCommand(program, host);
  registerCasesCommand(program, host);
  return program;
}

/** Runs a command line a CLI sent to this server, with the output and exit code going to `host`. */
export async function runCommandForCli(argv: string[], host: CommandHost): Promise<void> {
  try {
    await createProgram(host, "database").parseAsync(argv, { from: "user" });
  } catch (err) {
    reportError(err, host);
  }
}
