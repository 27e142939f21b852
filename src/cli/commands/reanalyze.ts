import type { Command } from "commander";
import cliProgress from "cli-progress";
import { ENGINE_VERSION } from "../../analysis/index.ts";
import {
  ANALYZE_JOB,
  analyzeConversationsJob,
  findConversationsToAnalyze,
} from "../../domains/conversations/index.ts";
import { requireOrgBySlug } from "../../domains/orgs/index.ts";
import { Queue } from "../../jobs/queue.ts";
import { withDatabase } from "../context.ts";

const BATCH = 100;

export function registerReanalyzeCommand(program: Command): void {
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
        await withDatabase(async ({ db }, _env, logger) => {
          const orgId = opts.org ? (await requireOrgBySlug(db, opts.org)).id : undefined;
          const queue = new Queue(db);
          const bar = new cliProgress.SingleBar(
            {
              format: "reanalyze |{bar}| {value}/{total} conversations | {eta_formatted} left",
              stream: process.stderr,
              noTTYOutput: true,
              notTTYSchedule: 5000,
            },
            cliProgress.Presets.shades_classic,
          );
          // Find everything first (keyset over ids), so the total is known and the bar means something.
          const pending: { org_id: string; id: string }[] = [];
          let afterId: string | undefined;
          for (;;) {
            const page = await findConversationsToAnalyze(db, {
              orgId,
              since,
              version: ENGINE_VERSION,
              all: Boolean(opts.all),
              limit: 5000,
              ...(afterId ? { afterId } : {}),
            });
            pending.push(...page);
            if (page.length < 5000) break;
            afterId = page[page.length - 1]!.id;
          }
          if (pending.length === 0) {
            process.stdout.write(
              `nothing to do: every conversation is analysed by engine ${ENGINE_VERSION}\n`,
            );
            return;
          }
          const batches: { orgId: string; conversationIds: string[] }[] = [];
          const byOrg = new Map<string, string[]>();
          for (const p of pending) byOrg.set(p.org_id, [...(byOrg.get(p.org_id) ?? []), p.id]);
          for (const [org, ids] of byOrg) {
            for (let i = 0; i < ids.length; i += BATCH)
              batches.push({ orgId: org, conversationIds: ids.slice(i, i + BATCH) });
          }
          if (opts.enqueueOnly) {
            for (const b of batches) await queue.enqueue(ANALYZE_JOB, b, { orgId: b.orgId });
            process.stdout.write(`queued ${pending.length} conversations for the workers\n`);
            return;
          }
          // Run the same job handler the workers run, here, so progress is exact.
          bar.start(pending.length, 0);
          for (const [i, b] of batches.entries()) {
            await analyzeConversationsJob.handle(b, {
              db,
              queue,
              logger,
              jobId: -1,
              attempt: 1,
              orgId: b.orgId,
            });
            bar.update(batches.slice(0, i + 1).reduce((n, x) => n + x.conversationIds.length, 0));
          }
          bar.stop();
          process.stdout.write(
            `reanalysed ${pending.length} conversations with engine ${ENGINE_VERSION}\n`,
          );
        });
      },
    );
}
