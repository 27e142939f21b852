import type { Command } from "commander";
import { API_SCOPES, type ApiScope } from "../../db/schema/index.ts";
import { createApiKey, requireOrgBySlug } from "../../domains/orgs/index.ts";
import type { CommandHost } from "../context.ts";

function parseScopes(value: string): ApiScope[] {
  const scopes = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || bad.length > 0) {
    throw new Error(
      `--scopes: expected a comma-separated list of ${API_SCOPES.join(", ")}; got '${value}'`,
    );
  }
  return scopes as ApiScope[];
}

export function registerApiKeyCommand(program: Command, host: CommandHost): void {
  const apikey = program.command("apikey").description("Manage API keys for integrations");
  apikey
    .command("create")
    .description("Create an API key and print it alone on stdout (it is not shown again)")
    .requiredOption("--org <slug>", "organization slug, e.g. demo")
    .requiredOption("--scopes <list>", `comma-separated scopes: ${API_SCOPES.join(", ")}`)
    .option("--name <name>", "a name to recognise the key by", "cli")
    .action(async (opts: { org: string; scopes: string; name: string }) => {
      const scopes = parseScopes(opts.scopes);
      await host.withDatabase(async ({ db }) => {
        const org = await requireOrgBySlug(db, opts.org);
        const created = await createApiKey(db, org.id, { kind: "cli" }, opts.name, scopes);
        host.stdout.write(`${created.key}\n`);
      });
    });
}
