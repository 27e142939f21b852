import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../../lib/errors.ts";
import type { IngestDeps } from "../conversations/index.ts";
import { detectEncoding, openDecoded } from "./encoding.ts";
import { READERS, TRANSCRIPT_IMPORT_FORMATS } from "./formats/index.ts";
import {
  ImportFormatSchema,
  ImportOptionsSchema,
  TEXT_IMPORT_FORMATS,
  type ImportFormat,
  type ImportOptions,
} from "./imports.schemas.ts";
import { runImport } from "./run-import.ts";

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
  const encoding = TEXT_IMPORT_FORMATS.includes(format)
    ? await detectEncoding(filePath, opts.encoding)
    : undefined;
  const spec = {
    format,
    source,
    key: fileHash,
    name: fileName,
    file: filePath,
    rejectsPath,
    restart: opts.restart,
    batchSize: opts.batchSize,
    signal,
  };
  return runImport(
    deps,
    orgId,
    spec,
    ({ warn, meter }) => {
      meter.totalBytes = totalBytes;
      if (encoding?.reason === "detected")
        warn(`not UTF-8: read as ${encoding.encoding} (detected; --encoding to choose another)`);
      const open = (counted: boolean): Readable => {
        const onBytes = (n: number) => {
          if (counted) meter.bytesRead += n;
        };
        if (encoding) {
          return openDecoded(filePath, encoding.encoding, onBytes, () => {
            if (counted)
              warn(
                `some bytes are not valid ${encoding.encoding}: they were replaced by U+FFFD (give the file's encoding with --encoding)`,
              );
          });
        }
        const stream = createReadStream(filePath);
        stream.on("data", (chunk) => onBytes(chunk.length));
        return stream;
      };
      return READERS[format]({
        path: filePath,
        fileName,
        source,
        warn,
        ...(opts.mapping ? { mapping: opts.mapping } : {}),
        ...(opts.externalId !== undefined ? { externalId: opts.externalId } : {}),
        ...(opts.startedAt !== undefined ? { startedAt: opts.startedAt } : {}),
        open,
      });
    },
    onProgress,
  );
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
