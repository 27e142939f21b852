import { Command } from "commander";
import { z } from "zod";
import {
  eraseCustomer,
  exportCustomer,
  requireCustomerByIdentity,
} from "../../domains/customers/index.ts";
import { requireOrgBySlug } from "../../domains/orgs/index.ts";
import type { Db } from "../../db/client.ts";
import type { CommandHost } from "../context.ts";

const TargetSchema = z
  .object({
    org: z.string().min(1),
    id: z.uuid({ message: "--id: must be a UUID" }).optional(),
    source: z.string().min(1).optional(),
    externalId: z.string().min(1).optional(),
  })
  .refine((t) => t.id !== undefined || (t.source !== undefined && t.externalId !== undefined), {
    message: "name the customer with --id, or with --source and --external-id",
  });
type Target = z.infer<typeof TargetSchema>;

async function resolveTarget(db: Db, raw: unknown): Promise<{ orgId: string; customerId: string }> {
  const parsed = TargetSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "invalid options");
  const t: Target = parsed.data;
  const org = await requireOrgBySlug(db, t.org);
  const customerId =
    t.id ?? (await requireCustomerByIdentity(db, org.id, t.source!, t.externalId!));
  return { orgId: org.id, customerId };
}

function withTarget(command: Command): Command {
  return command
    .requiredOption("--org <slug>", "organization slug, e.g. demo")
    .option("--id <uuid>", "the customer's id")
    .option(
      "--source <source>",
      "with --external-id: a system the customer is known in, e.g. zendesk",
    )
    .option("--external-id <id>", "the customer's id in that system");
}

export function registerCustomerCommand(program: Command, host: CommandHost): void {
  const customer = program
    .command("customer")
    .description("Privacy operations on one customer: export or erase everything about them");
  withTarget(customer.command("export"))
    .description("Print everything stored about a customer as JSON (a data-subject access request)")
    .action(async (opts: unknown) => {
      await host.withDatabase(async ({ db }) => {
        const { orgId, customerId } = await resolveTarget(db, opts);
        host.stdout.write(
          `${JSON.stringify(await exportCustomer(db, orgId, customerId), null, 2)}\n`,
        );
      });
    });
  withTarget(customer.command("erase"))
    .description("Erase a customer and everything about them; the audit log keeps no personal data")
    .requiredOption("--yes", "confirm: this cannot be undone")
    .action(async (opts: unknown) => {
      await host.withDatabase(async ({ db }) => {
        const { orgId, customerId } = await resolveTarget(db, opts);
        const { conversations } = await eraseCustomer(db, orgId, { kind: "cli" }, customerId);
        host.stdout.write(`erased customer ${customerId} and ${conversations} conversations\n`);
      });
    });
}
