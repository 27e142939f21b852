/**
 * One import run: records from a reader (a file's format reader, or a vendor API) ingested in
 * batches, one transaction per batch that also records the run's progress in `import_runs`, so
 * that the same import started again resumes after the last committed batch.
 */
import { appendFile, rm } from "node:fs/promises";
import type { Db } from "../../db/client.ts";
import {
  ingestConversations,
  type IngestConversation,
  type IngestDeps,
} from "../conversations/index.ts";
import type { ImportCounts, ImportProgress, ImportSummary } from "./imports.service.ts";
import * as repo from "./imports.repo.ts";
import type { ImportRecord, RecordRef } from "./records.ts";

interface PendingReject {
  ref: RecordRef;
  externalId?: string | undefined;
  reason: string;
}

export interface RunSpec {
  /** `import_runs.format`, e.g. "zendesk" or "zendesk-api". */
  format: ImportSummary["format"];
  source: string;
  /** What identifies the input: a file's SHA-256, or a hash of the API account read. */
  key: string;
  /** A file's base name or the API's host, for the rejects file and the run row. */
  name: string;
  /** Shown as `file` in the summary. */
  file: string;
  rejectsPath: string;
  restart: boolean;
  batchSize: number;
  signal?: AbortSignal | undefined;
}

/** Progress of the input in bytes (files) or records (APIs), updated by the reader. */
export interface Meter {
  bytesRead: number;
  totalBytes: number;
}

export type MakeReader = (ctx: {
  /** Records committed by an earlier attempt, skipped by the loop (a reader may yield cheap placeholders). */
  skip: number;
  warn: (message: string) => void;
  meter: Meter;
}) => AsyncIterable<ImportRecord>;

export async function runImport(
  deps: IngestDeps,
  orgId: string,
  spec: RunSpec,
  makeReader: MakeReader,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const { format, source, key, name: fileName, rejectsPath, signal } = spec;
  let run = await repo.findOrCreateRun(deps.db, orgId, format, source, key, fileName);
  if (spec.restart && (run.position > 0 || run.finishedAt !== null)) {
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
  const base = {
    file: spec.file,
    format,
    runId: run.id,
    rejectsPath,
    interrupted: false,
    warnings,
  };
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

  let position = resumedFrom;
  let ordinal = 0;
  let items: { ref: RecordRef; item: IngestConversation }[] = [];
  let rejects: PendingReject[] = [];
  const keysInBatch = new Set<string>();
  const meter = { bytesRead: 0, totalBytes: 0 };
  const reader = makeReader({ skip: resumedFrom, warn, meter });
  const progress = (): ImportProgress => ({ ...counts, records: position, ...meter });

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
    if (items.length >= spec.batchSize || rejects.length >= spec.batchSize) {
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
