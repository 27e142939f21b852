import { Command } from "commander";

// `rapport analyze` is a pipeline tool whose start-up is part of its cost (docs/performance.md): it
// loads the analysis engine alone, not the server, database and mail stacks the other commands need.
if (process.argv[2] === "analyze") {
  const { registerAnalyzeCommand } = await import("./cli/commands/analyze.ts");
  const program = new Command("rapport").showHelpAfterError();
  registerAnalyzeCommand(program);
  await program.parseAsync(process.argv).catch((err: unknown) => {
    process.stderr.write(`rapport: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  // `serve` on the embedded database starts opening it before loading the rest of the bundle: PGlite's
  // WebAssembly compiles off the main thread and its files are read while the bundle is parsed.
  const help = process.argv.includes("--help") || process.argv.includes("-h");
  if (process.argv[2] === "serve" && !help) {
    const { openPgliteEarly } = await import("./db/pglite-early.ts");
    openPgliteEarly(process.env);
  }
  const { localHost, reportError } = await import("./cli/context.ts");
  const { createProgram } = await import("./cli/program.ts");
  const host = localHost();
  await createProgram(host)
    .parseAsync(process.argv)
    .catch((err: unknown) => reportError(err, host));
}
