/**
 * Entry for `rapport analyze` alone: bin/rapport.js loads this instead of main.ts when the command
 * is `analyze`, so the analysis CLI starts without loading the server, database and mail stacks it
 * never uses (start-up is most of a short run's time through tsx). Same command, same options and
 * output as through main.ts.
 */
import { Command } from "commander";
import { registerAnalyzeCommand } from "./commands/analyze.ts";

const program = new Command("rapport").showHelpAfterError();
registerAnalyzeCommand(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`rapport: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
