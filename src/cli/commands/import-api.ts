/**
 * `rapport import zendesk|freshdesk|chatwoot --token …` without files: a direct import from the
 * vendor's API (docs/importers.md), resumable like a file import.
 */
import type { z } from "zod";
import { Queue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/errors.ts";
import { importApi, type ApiVendor } from "../../domains/imports/index.ts";
import { requireOrgBySlug } from "../../domains/orgs/index.ts";
import type { CommandHost } from "../context.ts";
import { EXIT_INTERRUPTED } from "../control.ts";
import {
  CliOptionsSchema,
  describeCounts,
  EXIT_OK,
  EXIT_REJECTED,
  progressReporter,
  usage,
} from "./import.ts";

/** The API base URL of a direct import, from --base-url or the vendor's own naming. */
export function apiBaseUrl(vendor: ApiVendor, opts: z.output<typeof CliOptionsSchema>): string {
  if (opts.baseUrl !== undefined) return opts.baseUrl;
  if (vendor === "zendesk" && opts.subdomain !== undefined)
    return `https://${opts.subdomain}.zendesk.com`;
  if (vendor === "freshdesk" && opts.domain !== undefined)
    return `https://${opts.domain.includes(".") ? opts.domain : `${opts.domain}.freshdesk.com`}`;
  return usage(
    vendor === "zendesk"
      ? "zendesk: give --subdomain NAME (or --base-url URL) with --token"
      : vendor === "freshdesk"
        ? "freshdesk: give --domain NAME (or --base-url URL) with --token"
        : "chatwoot: give --base-url URL, --account ID and --token",
  );
}

/** A direct API import: one "file" whose records come from the vendor's API. */
export async function runApiImport(
  host: CommandHost,
  vendor: ApiVendor,
  baseUrl: string,
  opts: z.output<typeof CliOptionsSchema>,
): Promise<void> {
  const controller = new AbortController();
  const stopInterrupts = host.onInterrupt(() => {
    host.stderr.write("\nimport: stopping after the current batch…\n");
    controller.abort();
  });
  const label = new URL(baseUrl).host;
  try {
    await host.withDatabase(async ({ db }) => {
      let org;
      try {
        org = await requireOrgBySlug(db, opts.org);
      } catch (err) {
        if (err instanceof AppError && err.code === "NOT_FOUND") usage(`--org: ${err.message}`);
        throw err;
      }
      const progress = progressReporter(host.stderr, label);
      try {
        const rejectsPath = host.resolvePath(opts.rejects ?? `${vendor}-${label}.rejects.jsonl`);
        const summary = await importApi(
          { db, queue: new Queue(db) },
          org.id,
          {
            vendor,
            baseUrl,
            token: opts.token!,
            email: opts.email,
            account: opts.account,
            source: opts.source,
            rejectsPath,
            restart: opts.restart,
            batchSize: opts.batch,
            signal: controller.signal,
            onWait: (s) => host.stderr.write(`import: ${label}: rate limited, waiting ${s}s\n`),
          },
          (p) => progress.update(p),
        );
        progress.stop();
        if (summary.alreadyImported)
          host.stderr.write(`import: ${label}: already imported (--restart to read it again)\n`);
        if (summary.rejected > 0) host.stderr.write(`import: rejected records: ${rejectsPath}\n`);
        host.stdout.write(`${describeCounts(summary)}\n`);
        if (summary.interrupted) return EXIT_INTERRUPTED;
        return summary.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
      } catch (err) {
        progress.stop();
        if (!(err instanceof AppError)) throw err;
        host.stderr.write(`import: ${label}: ${err.message}\n`);
        return EXIT_REJECTED;
      }
    });
  } finally {
    stopInterrupts();
  }
}
