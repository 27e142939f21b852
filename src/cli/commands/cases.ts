import type { Command } from "commander";
import { recomputeOpenClocks } from "../../domains/cases/index.ts";
import { requireOrgBySlug } from "../../domains/orgs/index.ts";
import type { CommandHost } from "../context.ts";

export function registerCasesCommand(program: Command, host: CommandHost): void {
  const cases = program
    .command("cases")
    .description("Complaint and request cases: their clocks are kept current as cases change");
  cases
    .command("recompute")
    .description(
      "Replay every open case's clocks from its history and store what changed (a repair after a clock-engine fix)",
    )
    .requiredOption("--org <slug>", "the organization")
    .action(async (opts: { org: string }) => {
      await host.withDatabase(async ({ db }) => {
        const org = await requireOrgBySlug(db, opts.org);
        const started = performance.now();
        const stats = await recomputeOpenClocks(db, org.id);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        host.stdout.write(
          `recomputed the clocks of ${stats.cases} open cases of ${opts.org} in ${seconds} s: ${stats.written} changed\n`,
        );
      });
    });
}
