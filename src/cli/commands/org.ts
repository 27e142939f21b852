import type { Command } from "commander";
import { createOrg } from "../../domains/orgs/index.ts";
import { ensureStarterScorecards } from "../../domains/qa/index.ts";
import type { CommandHost } from "../context.ts";

export function registerOrgCommand(program: Command, host: CommandHost): void {
  const org = program.command("org").description("Manage organizations");
  org
    .command("create")
    .description(
      "Create an organization (then add an admin with `rapport user create --role admin`)",
    )
    .requiredOption("--slug <slug>", "short unique name: lowercase letters, digits and dashes")
    .requiredOption("--name <name>", "display name")
    .action(async (opts: { slug: string; name: string }) => {
      if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(opts.slug)) {
        throw new Error("--slug: use 2–63 lowercase letters, digits and dashes");
      }
      await host.withDatabase(async ({ db }) => {
        const created = await createOrg(db, opts.slug, opts.name);
        // Every organization starts with the phone, email and chat starter scorecards.
        await ensureStarterScorecards(db, created.id);
        host.stdout.write(`created organization ${created.slug} (${created.id})\n`);
      });
    });
}
