/**
 * `rapport import <format> <file…> --org <slug>`: imports vendor exports, generic CSV/JSON Lines and
 * call transcripts (docs/importers.md). Exit codes: 0 every record imported, 1 some records rejected
 * or an import failed, 2 unusable options or files, 130 interrupted (run the same command again to
 * continue where it stopped).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type CliProgress from "cli-progress";
import { lazyRequire } from "../../lib/lazy-require.ts";
import { CommanderError, Option, type Command } from "commander";
import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { Queue } from "../../jobs/queue.ts";
import {
  API_VENDORS,
  DEFAULT_BATCH_SIZE,
  IMPORT_FORMATS,
  ImportMappingSchema,
  importFile,
  type ApiVendor,
  MAX_BATCH_SIZE,
  TRANSCRIPT_IMPORT_FORMATS,
  type ImportCounts,
  type ImportFormat,
  type ImportMapping,
  type ImportProgress,
} from "../../domains/imports/index.ts";
import { requireOrgBySlug } from "../../domains/orgs/index.ts";
import type { CommandHost, CommandOutput } from "../context.ts";
import { EXIT_INTERRUPTED } from "../control.ts";
import { apiBaseUrl, runApiImport } from "./import-api.ts";

const progressBars = lazyRequire<typeof CliProgress>("cli-progress");

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
const EXIT_USAGE = 2;
/** Without a terminal, one progress line at most this often. */
const PLAIN_PROGRESS_MS = 5000;

export const CliOptionsSchema = z.object({
  org: z.string().min(1),
  mapping: z.string().min(1).optional(),
  source: z.string().trim().min(1).max(100).optional(),
  rejects: z.string().min(1).optional(),
  batch: z.coerce.number().int().min(1).max(MAX_BATCH_SIZE).default(DEFAULT_BATCH_SIZE),
  externalId: z.string().trim().min(1).max(200).optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  restart: z.boolean().default(false),
  encoding: z.string().trim().min(1).max(40).optional(),
  // Direct API imports (zendesk, freshdesk, chatwoot without a file).
  subdomain: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/i, "letters, digits and dashes")
    .optional(),
  domain: z.string().trim().min(1).max(253).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  token: z.string().min(1).optional(),
  email: z.string().trim().min(3).max(320).optional(),
  account: z.string().regex(/^\d+$/, "a numeric account id").optional(),
});
type CliOptions = z.input<typeof CliOptionsSchema>;

class UsageError extends Error {}

export function usage(message: string): never {
  throw new UsageError(message);
}

function readMapping(host: CommandHost, file: string): ImportMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(host.resolvePath(file), "utf8"));
  } catch (err) {
    usage(
      `--mapping: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not a JSON file"}: ${file}`,
    );
  }
  const parsed = ImportMappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    usage(
      `--mapping: ${issue ? `${issue.path.join(".") || "mapping"}: ${issue.message}` : "invalid mapping"}`,
    );
  }
  return parsed.data;
}

/**
 * A folder stands for the files in it (not its subfolders), in name order: a folder of per-ticket
 * API responses imports like the files given one by one. Hidden files and our own
 * `*.rejects.jsonl` are skipped.
 */
function expandFolders(host: CommandHost, files: string[]): string[] {
  return files.flatMap((file) => {
    let folder = false;
    try {
      folder = statSync(host.resolvePath(file)).isDirectory();
    } catch {
      return [file]; // checkOptions says "no such file"
    }
    if (!folder) return [file];
    const inside = readdirSync(host.resolvePath(file), { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith(".") && !e.name.endsWith(".rejects.jsonl"))
      .map((e) => path.join(file, e.name))
      .sort();
    if (inside.length === 0) usage(`${file}: an empty folder`);
    return inside;
  });
}

function checkOptions(
  host: CommandHost,
  format: ImportFormat,
  files: string[],
  opts: z.output<typeof CliOptionsSchema>,
): void {
  const transcript = TRANSCRIPT_IMPORT_FORMATS.includes(format);
  if ((format === "csv" || format === "jsonl") && opts.mapping === undefined)
    usage(`format '${format}' needs --mapping FILE`);
  if (!transcript && (opts.externalId !== undefined || opts.startedAt !== undefined)) {
    usage("--external-id and --started-at apply to transcript formats (vtt, srt, transcribe) only");
  }
  if (opts.externalId !== undefined && files.length > 1)
    usage("--external-id names one conversation: give one file");
  if (opts.rejects !== undefined && files.length > 1) {
    usage("--rejects names one file: with several files each gets <file>.rejects.jsonl");
  }
  for (const file of files) {
    let isFile = false;
    try {
      isFile = statSync(host.resolvePath(file)).isFile();
    } catch {
      usage(`${file}: no such file`);
    }
    if (!isFile) usage(`${file}: not a file`);
  }
}

export function describeCounts(c: ImportCounts): string {
  return `imported ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}`;
}

/** A bar on a terminal; otherwise a plain line now and then (logs, CI, pipes). */
export function progressReporter(
  stderr: CommandOutput,
  file: string,
): { update(p: ImportProgress): void; stop(): void } {
  if (stderr.isTTY) {
    const bar = new (progressBars().SingleBar)(
      {
        stream: stderr,
        format: `${file} |{bar}| {percentage}% | {records} records | imported {created}, updated {updated}, unchanged {unchanged}, rejected {rejected}`,
        hideCursor: true,
      },
      progressBars().Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        const payload = {
          records: p.records,
          created: p.created,
          updated: p.updated,
          unchanged: p.unchanged,
          rejected: p.rejected,
        };
        if (!started) {
          bar.start(Math.max(1, p.totalBytes), 0, payload);
          started = true;
        }
        bar.update(Math.min(p.bytesRead, p.totalBytes), payload);
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = Date.now();
  return {
    update(p) {
      if (Date.now() - last < PLAIN_PROGRESS_MS) return;
      last = Date.now();
      const pct =
        p.totalBytes > 0
          ? Math.floor((100 * Math.min(p.bytesRead, p.totalBytes)) / p.totalBytes)
          : 100;
      stderr.write(`import: ${file} ${pct}%, ${p.records} records, ${describeCounts(p)}\n`);
    },
    stop: () => undefined,
  };
}

async function runImport(
  host: CommandHost,
  formatArg: string,
  files: string[],
  raw: CliOptions,
): Promise<void> {
  const format = z.enum(IMPORT_FORMATS).safeParse(formatArg);
  if (!format.success)
    usage(`unknown format '${formatArg}': use one of ${IMPORT_FORMATS.join(", ")}`);
  const parsed = CliOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag =
      issue?.path[0] === "batch" ? "--batch" : `--${String(issue?.path[0] ?? "options")}`;
    usage(`${flag}: ${issue?.message ?? "invalid"}`);
  }
  const opts = parsed.data;
  const vendor = (API_VENDORS as readonly string[]).includes(format.data)
    ? (format.data as ApiVendor)
    : undefined;
  if (opts.token !== undefined || files.length === 0) {
    if (vendor === undefined) usage(`format '${format.data}' needs files to import`);
    if (files.length > 0) usage("--token imports from the API: give no files");
    if (opts.token === undefined) usage(`${vendor}: give files to import, or --token for its API`);
    if (vendor === "chatwoot" && opts.account === undefined) usage("chatwoot: give --account ID");
    return runApiImport(host, vendor, apiBaseUrl(vendor, opts), opts);
  }
  files = expandFolders(host, files);
  checkOptions(host, format.data, files, opts);
  const mapping = opts.mapping === undefined ? undefined : readMapping(host, opts.mapping);

  const controller = new AbortController();
  const stopInterrupts = host.onInterrupt(() => {
    host.stderr.write(
      "\nimport: stopping after the current batch (Ctrl-C again to quit at once)…\n",
    );
    controller.abort();
  });
  try {
    await host.withDatabase(async ({ db }) => {
      let org;
      try {
        org = await requireOrgBySlug(db, opts.org);
      } catch (err) {
        if (err instanceof AppError && err.code === "NOT_FOUND") usage(`--org: ${err.message}`);
        throw err;
      }
      const queue = new Queue(db);
      const total: ImportCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      let failed = false;
      for (const file of files) {
        const progress = progressReporter(host.stderr, file);
        try {
          const summary = await importFile(
            { db, queue },
            org.id,
            format.data,
            host.resolvePath(file),
            {
              batchSize: opts.batch,
              restart: opts.restart,
              ...(opts.source === undefined ? {} : { source: opts.source }),
              ...(mapping === undefined ? {} : { mapping }),
              ...(opts.rejects === undefined
                ? {}
                : { rejectsPath: host.resolvePath(opts.rejects) }),
              ...(opts.externalId === undefined ? {} : { externalId: opts.externalId }),
              ...(opts.startedAt === undefined ? {} : { startedAt: opts.startedAt }),
              ...(opts.encoding === undefined ? {} : { encoding: opts.encoding }),
              signal: controller.signal,
            },
            (p) => progress.update(p),
          );
          progress.stop();
          for (const k of ["created", "updated", "unchanged", "rejected"] as const)
            total[k] += summary[k];
          for (const warning of summary.warnings)
            host.stderr.write(`import: ${file}: warning: ${warning}\n`);
          const notes: string[] = [];
          if (summary.alreadyImported)
            notes.push("already imported: nothing to do (--restart to read it again)");
          if (summary.resumedFrom > 0 && !summary.alreadyImported)
            notes.push(`resumed after record ${summary.resumedFrom}`);
          // The path as the person gave it (the server resolves it against the CLI's directory).
          if (summary.rejected > 0)
            notes.push(`rejected records: ${opts.rejects ?? `${file}.rejects.jsonl`}`);
          if (files.length > 1 || notes.length > 0) {
            host.stderr.write(
              `import: ${file}: ${describeCounts(summary)}${notes.map((n) => `; ${n}`).join("")}\n`,
            );
          }
          if (summary.interrupted) {
            host.stderr.write(
              `import: interrupted after record ${summary.records}; run the same command again to continue\n`,
            );
            host.stdout.write(`${describeCounts(total)}\n`);
            return EXIT_INTERRUPTED;
          }
        } catch (err) {
          progress.stop();
          // A file that cannot be read stops that file only; what was committed stays and resumes.
          if (!(err instanceof AppError)) throw err;
          if (err.code === "IMPORT_MAPPING_INVALID") usage(`${file}: ${err.message}`);
          failed = true;
          host.stderr.write(`import: ${file}: ${err.message}\n`);
        }
      }
      host.stdout.write(`${describeCounts(total)}\n`);
      return failed || total.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
    });
  } finally {
    stopInterrupts();
  }
}

/** Adds `rapport import` to the CLI. */
export function registerImportCommand(program: Command, host: CommandHost): void {
  program
    .command("import")
    .description(
      "Import conversations from files (docs/importers.md). Resumable: re-run the same command to continue.\n" +
        "Exit code: 0 all imported, 1 some records rejected (see the rejects file), 2 usage error, 130 interrupted.",
    )
    .argument("<format>", `one of ${IMPORT_FORMATS.join(", ")}`)
    .argument(
      "[file...]",
      "files to import (a transcript file is one conversation); none with --token: read the vendor's API",
    )
    .requiredOption("--org <slug>", "organization slug, e.g. demo")
    .option("--mapping <file>", "csv and jsonl: JSON file saying which columns hold what")
    .option("--source <name>", "stored as the conversations' source (default: the format)")
    .option(
      "--rejects <file>",
      "where to describe rejected records (default: <file>.rejects.jsonl)",
    )
    .option(
      "--batch <n>",
      `conversations per transaction (1–${MAX_BATCH_SIZE})`,
      String(DEFAULT_BATCH_SIZE),
    )
    .option("--external-id <id>", "transcripts: the conversation's id (default: the file name)")
    .option("--started-at <iso>", "transcripts: when the call started (default: now)")
    .option(
      "--encoding <name>",
      "csv, jsonl, twitter, srt, vtt: the file's encoding (default: detected)",
    )
    .option("--token <token>", "zendesk, freshdesk, chatwoot: import from the API with this token")
    .option("--subdomain <name>", "zendesk API: the account's subdomain (NAME.zendesk.com)")
    .option("--email <address>", "zendesk API: the agent e-mail the API token belongs to")
    .option("--domain <name>", "freshdesk API: the helpdesk domain (NAME.freshdesk.com)")
    .option("--account <id>", "chatwoot API: the account id")
    .option(
      "--base-url <url>",
      "zendesk, freshdesk, chatwoot API: the base URL (self-hosted Chatwoot)",
    )
    .addOption(
      new Option("--restart", "read the file again from the start even if it was imported before"),
    )
    .exitOverride((err) => {
      // Commander's own errors (missing argument, unknown option) are usage errors too.
      throw new CommanderError(err.exitCode === 0 ? 0 : EXIT_USAGE, err.code, err.message);
    })
    .action(async (format: string, files: string[], opts: CliOptions) => {
      try {
        await runImport(host, format, files, opts);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        host.stderr.write(`rapport import: ${err.message}\n`);
        host.setExitCode(EXIT_USAGE);
      }
    });
}
