import { randomBytes } from "node:crypto";
import { Command, Option } from "commander";
import { ROLES, type RoleName } from "../../db/schema/index.ts";
import { createUser, listTeams, requireOrgBySlug } from "../../domains/orgs/index.ts";
import type { CommandHost } from "../context.ts";

export function registerUserCommand(program: Command, host: CommandHost): void {
  const user = program.command("user").description("Manage users");
  user
    .command("create")
    .description(
      "Create a user in an organization; prints a generated password unless --password is given",
    )
    .requiredOption("--org <slug>", "organization slug, e.g. demo")
    .requiredOption("--email <email>", "login email")
    .option("--name <name>", "display name (default: the part of the email before @)")
    .addOption(new Option("--role <role>", "role").choices(ROLES).default("agent"))
    .option("--team <name>", "team name")
    .option(
      "--password <password>",
      "password (min 10 characters); prefer the generated one or RAPPORT_PASSWORD",
    )
    .action(
      async (opts: {
        org: string;
        email: string;
        name?: string;
        role: RoleName;
        team?: string;
        password?: string;
      }) => {
        await host.withDatabase(async ({ db }) => {
          const org = await requireOrgBySlug(db, opts.org);
          let teamId: string | null = null;
          if (opts.team) {
            const team = (await listTeams(db, org.id)).find((t) => t.name === opts.team);
            if (!team) throw new Error(`no team '${opts.team}' in ${opts.org}`);
            teamId = team.id;
          }
          const given = opts.password ?? host.env.RAPPORT_PASSWORD;
          if (given !== undefined && given.length < 10)
            throw new Error("--password: must be at least 10 characters");
          const password = given ?? randomBytes(12).toString("base64url");
          const created = await createUser(
            db,
            org.id,
            { kind: "cli" },
            {
              email: opts.email,
              name: opts.name ?? opts.email.split("@")[0] ?? opts.email,
              password,
              role: opts.role,
              teamId,
            },
          );
          host.stdout.write(`created ${created.role} ${created.email} in ${org.slug}\n`);
          if (given === undefined) host.stdout.write(`password: ${password}\n`);
        });
      },
    );
}
