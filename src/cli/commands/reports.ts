import type { Command } from "commander";
import { requireOrgBySlug } from "../../domains/orgs/index.ts";
import { compactRollups, rebuildRollups } from "../../domains/reports/index.ts";
import type { CommandHost } from "../context.ts";

export function registerReportsCommand(program: Command, host: CommandHost): void {
  const reports = program
    .command("reports")
    .description(
      "Report rollups: kept current as data arrives; rebuild them after a manual repair",
    );
  reports
    .command("rebuild")
    .description("Recompute the report rollups from the conversations and their analyses")
    .option("--org <slug>", "only this organization")
    .action(async (opts: { org?: string }) => {
      await host.withDatabase(async ({ db }) => {
        const orgId = opts.org ? (await requireOrgBySlug(db, opts.org)).id : null;
        await rebuildRollups(db, orgId);
        host.stdout.write(`rebuilt report rollups for ${opts.org ?? "every organization"}\n`);
      });
    });
  reports
    .command("compact")
    .description("Fold pending rollup deltas now (the workers do this every minute)")
    .action(async () => {
      await host.withDatabase(async ({ db }) => {
        const keys = await compactRollups(db, Number.MAX_SAFE_INTEGER);
        host.stdout.write(`compacted ${keys} rollup keys\n`);
      });
    });
}
