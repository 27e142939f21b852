import type { Command } from "commander";
import { hasAnyOrganization, seedDemo } from "../../domains/demo/index.ts";
import { enqueueMissingAnalyses } from "../../domains/conversations/index.ts";
import { findOrgBySlug } from "../../domains/orgs/index.ts";
import { Queue } from "../../jobs/queue.ts";
import type { CommandHost } from "../context.ts";

export function registerDemoCommand(program: Command, host: CommandHost): void {
  program
    .command("demo")
    .description("Seed the demo organization (slug 'demo') from the bundled real conversations")
    .option("--conversations <n>", "how many conversations", "5200")
    .option("--days <n>", "spread over this many days before now", "90")
    .action(async (opts: { conversations: string; days: string }) => {
      await host.withDatabase(async ({ db }) => {
        if (await findOrgBySlug(db, "demo")) {
          host.stdout.write("the demo organization already exists; nothing to do\n");
          return;
        }
        const empty = !(await hasAnyOrganization(db));
        const started = Date.now();
        const result = await seedDemo(db, {
          conversations: Number(opts.conversations),
          days: Number(opts.days),
        });
        host.stdout.write(
          `seeded ${result.conversations} conversations and ${result.messages} messages in ${((Date.now() - started) / 1000).toFixed(1)} s${empty ? "" : " beside existing organizations"}\n`,
        );
        const queued = await enqueueMissingAnalyses({ db, queue: new Queue(db) }, result.orgId);
        host.stdout.write(
          `queued analysis of ${queued} conversations (the workers of \`rapport serve\` or \`rapport worker\` run it)\n`,
        );
        for (const login of result.logins)
          host.stdout.write(`  ${login.role.padEnd(7)} ${login.email} / ${login.password}\n`);
      });
    });
}
