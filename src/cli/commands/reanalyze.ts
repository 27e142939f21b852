import type { Command } from "commander";
import type CliProgress from "cli-progress";
import { ENGINE_VERSION } from "../../analysis/index.ts";
import {
  ANALYZE_JOB,
  analyzeConversationsJob,
  planAnalysis,
} from "../../domains/conversations/index.ts";
import { requireOrgBySlug } from "../../domains/orgs/index.ts";
import { Queue } from "../../jobs/queue.ts";
import type { CommandHost } from "../context.ts";
import { lazyRequire } from "../../lib/lazy-require.ts";

const progressBars = lazyRequire<typeof CliProgress>("cli-progress");

export function registerReanalyzeCommand(program: Command, host: CommandHost): void {
  program
    .command("reanalyze")
    .description(
      `Re-run analysis (engine ${ENGINE_VERSION}) on conversations analysed by another engine version or never analysed`,
    )
    .option("--since <date>", "only conversations started on or after this ISO date")
    .option("--org <slug>", "only this organization")
    .option("--all", "re-analyse everything, even results from the current engine")
    .option("--enqueue-only", "only queue the work for running workers instead of doing it here")
    .action(
      async (opts: { since?: string; org?: string; all?: boolean; enqueueOnly?: boolean }) => {
        const since = opts.since ? new Date(opts.since) : undefined;
        if (since && Number.isNaN(since.getTime()))
          throw new Error(`--since: not a date: ${opts.since}`);
        await host.withDatabase(async ({ db }, logger) => {
          const orgId = opts.org ? (await requireOrgBySlug(db, opts.org)).id : undefined;
          const queue = new Queue(db);
          const bar = new (progressBars().SingleBar)(
            {
              format: "reanalyze |{bar}| {value}/{total} conversations | {eta_formatted} left",
              stream: host.stderr,
              noTTYOutput: true,
              notTTYSchedule: 5000,
            },
            progressBars().Presets.shades_classic,
          );
          // Find everything first, so the total is known and the bar means something.
          const { total, batches } = await planAnalysis(db, { orgId, since, all: opts.all });
          if (total === 0) {
            host.stdout.write(
              `nothing to do: every conversation is analysed by engine ${ENGINE_VERSION}\n`,
            );
            return;
          }
          if (opts.enqueueOnly) {
            for (const b of batches) {
              await queue.enqueue(ANALYZE_JOB, b, { orgId: b.orgId, background: true });
            }
            host.stdout.write(`queued ${total} conversations for the workers\n`);
            return;
          }
          // Run the same job handler the workers run, here, so progress is exact.
          bar.start(total, 0);
          for (const b of batches) {
            await analyzeConversationsJob.handle(b, {
              db,
              queue,
              logger,
              jobId: -1,
              attempt: 1,
              orgId: b.orgId,
            });
            bar.increment(b.conversationIds.length);
          }
          bar.stop();
          host.stdout.write(`reanalysed ${total} conversations with engine ${ENGINE_VERSION}\n`);
        });
      },
    );
}
