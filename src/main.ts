import { Command } from "commander";
import { registerAnalyzeCommand } from "./cli/commands/analyze.ts";
import { registerApiKeyCommand } from "./cli/commands/apikey.ts";
import { registerBackupCommands } from "./cli/commands/backup.ts";
import { registerCustomerCommand } from "./cli/commands/customer.ts";
import { registerDemoCommand } from "./cli/commands/demo.ts";
import { registerImportCommand } from "./cli/commands/import.ts";
import { registerMigrateCommand } from "./cli/commands/migrate.ts";
import { registerOrgCommand } from "./cli/commands/org.ts";
import { registerReanalyzeCommand } from "./cli/commands/reanalyze.ts";
import { registerServeCommand } from "./cli/commands/serve.ts";
import { registerUserCommand } from "./cli/commands/user.ts";
import { registerWorkerCommand } from "./cli/commands/worker.ts";
import { reportError } from "./cli/context.ts";

const program = new Command("rapport")
  .description(
    "Rapport: customer-service quality and voice of the customer, self-hosted.\n" +
      "Configuration comes from the environment: DATABASE_URL, RAPPORT_DATA_DIR, PORT (see README).",
  )
  .showHelpAfterError();

registerServeCommand(program);
registerWorkerCommand(program);
registerMigrateCommand(program);
registerDemoCommand(program);
registerOrgCommand(program);
registerUserCommand(program);
registerCustomerCommand(program);
registerBackupCommands(program);
registerApiKeyCommand(program);
registerAnalyzeCommand(program);
registerImportCommand(program);
registerReanalyzeCommand(program);

program.parseAsync(process.argv).catch(reportError);
