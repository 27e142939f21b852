import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { appendFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import {
  ingestConversations,
  type IngestConversation,
  type IngestDeps,
} from "../conversations/index.ts";
import { detectEncoding, openDecoded } from "./encoding.ts";
import { READERS, TRANSCRIPT_IMPORT_FORMATS } from "./formats/index.ts";
import {
  ImportFormatSchema,
  ImportOptionsSchema,
  TEXT_IMPORT_FORMATS,
  type ImportFormat,
  type ImportOptions,
} from "./imports.schemas.ts";
import * as repo from "./imports.repo.ts";
import type { ImportRecord, RecordRef } from "./records.ts";

/** Counts of one import, cumulative over every resumed attempt of the same file. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportProgress extends ImportCounts {
  /** Records (conversations and rejected records) processed so far, including earlier attempts. */
  records: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportSummary extends ImportCounts {
  file: string;
  format: ImportFormat;
  runId: string;
  records: number;
  /** Records skipped because an earlier, interrupted attempt committed them. */
  resumedFrom: number;
  /** The file was imported completely before: nothing was read, everything counts as unchanged. */
  alreadyImported: boolean;
  /** Stopped by the abort signal after a committed batch; run the import again to continue. */
  interrupted: boolean;
  /** Where rejected records are described (written only when there are any). */
  rejectsPath: string;
  /** Things the person importing should know (encoding guessed, data possibly missing). */
  warnings: string[];
}

export interface ImportControl {
  /** Checked after each committed batch: an abort stops there, with the run resumable. */
  signal?: AbortSignal;
}

interface PendingReject {
  ref: RecordRef;
  externalId?: string | undefined;
  reason: string;
}

/**
 * Imports one file into an organization: reads it record by record (streaming where the format
 * allows), ingests conversations in batches (one transaction per batch, which also records the run's
 * progress in `import_runs`), and describes each rejected record in the rejects file. A second call
 * with the same org, format and file content resumes after the last committed batch, or, when the
 * first finished, returns at once with everything unchanged.
 */
export async function importFile(
  deps: IngestDeps,
  orgId: string,
  format: ImportFormat,
  filePath: string,
  options: ImportOptions & ImportControl,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportSummary> {
  const { signal, ...rest } = options;
  const fmt = ImportFormatSchema.safeParse(format);
  if (!fmt.success)
    throw new AppError("VALIDATION_FAILED", { message: `unknown format '${String(format)}'` });
  const parsed = ImportOptionsSchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("VALIDATION_FAILED", {
      message: issue ? `${issue.path.join(".") || "options"}: ${issue.message}` : "invalid options",
    });
  }
  const opts = parsed.data;
  const isTranscript = TRANSCRIPT_IMPORT_FORMATS.includes(format);
  if (!isTranscript && (opts.externalId !== undefined || opts.startedAt !== undefined)) {
    throw new AppError("VALIDATION_FAILED", {
      message: "externalId and startedAt apply to transcript formats only",
    });
  }
  if ((format === "csv" || format === "jsonl") && !opts.mapping) {
    throw new AppError("IMPORT_MAPPING_INVALID", {
      message: `format '${format}' needs a mapping file (--mapping FILE)`,
    });
  }
  const totalBytes = await fileSize(filePath);
  const fileHash = await hashFile(filePath);
  const fileName = path.basename(filePath);
  const rejectsPath = opts.rejectsPath ?? `${filePath}.rejects.jsonl`;

  const source = opts.source ?? format;
  let run = await repo.findOrCreateRun(deps.db, orgId, format, source, fileHash, fileName);
  if (opts.restart && (run.position > 0 || run.finishedAt !== null)) {
    run = await repo.resetRun(deps.db, orgId, run.id, fileName);
  }
  const counts: ImportCounts = {
    created: run.imported,
    updated: numberStat(run.stats, "updated"),
    unchanged: run.unchanged,
    rejected: run.rejected,
  };
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (!warnings.includes(message)) warnings.push(message);
  };
  const base = { file: filePath, format, runId: run.id, rejectsPath, interrupted: false, warnings };
  if (run.finishedAt !== null) {
    const ok = counts.created + counts.updated + counts.unchanged;
    return {
      ...base,
      records: run.position,
      resumedFrom: run.position,
      alreadyImported: true,
      created: 0,
      updated: 0,
      unchanged: ok,
      rejected: counts.rejected,
    };
  }
  const resumedFrom = run.position;
  // A fresh start owns the rejects file; a resumed one adds to what the earlier attempt wrote.
  if (resumedFrom === 0) await rm(rejectsPath, { force: true });

  let bytesRead = 0;
  const encoding = TEXT_IMPORT_FORMATS.includes(format)
    ? await detectEncoding(filePath, opts.encoding)
    : undefined;
  if (encoding && encoding.reason === "detected")
    warn(`not UTF-8: read as ${encoding.encoding} (detected; --encoding to choose another)`);
  const open = (counted: boolean): Readable => {
    if (encoding) {
      return openDecoded(
        filePath,
        encoding.encoding,
        (n) => counted && (bytesRead += n),
        () =>
          counted &&
          warn(
            `some bytes are not valid ${encoding.encoding}: they were replaced by U+FFFD (give the file's encoding with --encoding)`,
          ),
      );
    }
    const stream = createReadStream(filePath);
    if (counted) stream.on("data", (chunk) => (bytesRead += chunk.length));
    return stream;
  };
  const reader = READERS[format]({
    path: filePath,
    fileName,
    source,
    warn,
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
    ...(opts.externalId !== undefined ? { externalId: opts.externalId } : {}),
    ...(opts.startedAt !== undefined ? { startedAt: opts.startedAt } : {}),
    open,
  });

  let position = resumedFrom;
  let ordinal = 0;
  let items: { ref: RecordRef; item: IngestConversation }[] = [];
  let rejects: PendingReject[] = [];
  const keysInBatch = new Set<string>();
  const progress = (): ImportProgress => ({ ...counts, records: position, bytesRead, totalBytes });

  const flush = async (upTo: number) => {
    const batchItems = items;
    const batchRejects = rejects;
    items = [];
    rejects = [];
    keysInBatch.clear();
    await deps.db.transaction(async (tx) => {
      const results =
        batchItems.length === 0
          ? []
          : await ingestConversations(
              { db: tx, queue: deps.queue },
              orgId,
              batchItems.map((b) => b.item),
            );
      const next = { ...counts };
      const lines = [...batchRejects];
      results.forEach((r, i) => {
        const source = batchItems[i]!;
        if (r.status === "created") next.created++;
        else if (r.status === "updated") next.updated++;
        else if (r.status === "unchanged") next.unchanged++;
        else
          lines.push({
            ref: source.ref,
            externalId: source.item.externalId,
            reason: r.error ? `${r.error.code}: ${r.error.message}` : "rejected",
          });
      });
      next.rejected += lines.length;
      // Written before the commit: a crash in between repeats a reject line rather than losing it.
      await writeRejects(rejectsPath, fileName, lines);
      await repo.advanceRun(tx as Db, orgId, run.id, {
        position: upTo,
        imported: next.created,
        unchanged: next.unchanged,
        rejected: next.rejected,
        stats: { updated: next.updated },
      });
      Object.assign(counts, next);
    });
    position = upTo;
    onProgress(progress());
  };

  let interrupted = false;
  for await (const record of reader as AsyncIterable<ImportRecord>) {
    ordinal++;
    if (ordinal <= resumedFrom) continue;
    if (record.kind === "reject") {
      rejects.push({ ref: record.ref, externalId: record.externalId, reason: record.reason });
    } else {
      const key = record.item.externalId;
      // Exports repeat a ticket when it changed (Zendesk incremental): ingest each version in turn.
      if (keysInBatch.has(key)) await flush(ordinal - 1);
      items.push({ ref: record.ref, item: record.item });
      keysInBatch.add(key);
    }
    if (items.length >= opts.batchSize || rejects.length >= opts.batchSize) {
      await flush(ordinal);
      if (signal?.aborted) {
        interrupted = true;
        break;
      }
    }
  }
  if (!interrupted) {
    if (items.length > 0 || rejects.length > 0 || ordinal > position) await flush(ordinal);
    await repo.finishRun(deps.db, orgId, run.id);
  }
  return {
    ...base,
    ...counts,
    records: position,
    resumedFrom,
    alreadyImported: false,
    interrupted,
  };
}

function numberStat(stats: Record<string, unknown>, key: string): number {
  const v = stats[key];
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

async function fileSize(filePath: string): Promise<number> {
  try {
    const s = await stat(filePath);
    if (!s.isFile())
      throw new AppError("IMPORT_FILE_INVALID", { message: `${filePath}: not a file` });
    return s.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError("IMPORT_FILE_INVALID", {
      message: `${filePath}: ${code === "ENOENT" ? "no such file" : "cannot be read"}`,
      cause: err,
    });
  }
}

/** SHA-256 of the file's bytes: the same content resumes its run, changed content starts a new one. */
async function hashFile(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(filePath), hash);
  return hash.digest("hex");
}

/** One JSON line per rejected record: where it is, its id when known, and why (never its text). */
async function writeRejects(
  rejectsPath: string,
  fileName: string,
  rejects: PendingReject[],
): Promise<void> {
  if (rejects.length === 0) return;
  const lines = rejects.map((r) =>
    JSON.stringify({
      file: fileName,
      ...r.ref,
      ...(r.externalId === undefined ? {} : { externalId: r.externalId }),
      reason: r.reason,
    }),
  );
  await appendFile(rejectsPath, `${lines.join("\n")}\n`);
}
