import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ImportFormat } from "../imports.schemas.ts";
import { ImportMappingSchema } from "../imports.schemas.ts";
import type { ImportRecord, ReaderContext } from "../records.ts";
import { READERS } from "./index.ts";

/** Test helper: the fixtures folder, and every record a format's reader yields for a fixture. */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures");

export async function readFixture(
  format: ImportFormat,
  file: string,
  extra: Partial<Pick<ReaderContext, "externalId" | "startedAt">> & { mapping?: string } = {},
): Promise<ImportRecord[]> {
  const filePath = path.join(FIXTURES, file);
  const ctx: ReaderContext = {
    path: filePath,
    fileName: file,
    source: format,
    open: () => createReadStream(filePath),
    ...(extra.externalId === undefined ? {} : { externalId: extra.externalId }),
    ...(extra.startedAt === undefined ? {} : { startedAt: extra.startedAt }),
  };
  if (extra.mapping !== undefined) {
    ctx.mapping = ImportMappingSchema.parse(
      JSON.parse(readFileSync(path.join(FIXTURES, extra.mapping), "utf8")),
    );
  }
  const out: ImportRecord[] = [];
  for await (const record of READERS[format](ctx)) out.push(record);
  return out;
}

/**
 * Files the tools really produce, gathered from public repositories (test/fixtures/importers/
 * ATTRIBUTION.md), for the tests that read them as saved.
 */
export const REAL_FIXTURES = path.resolve("test/fixtures/importers");

/** Every record and warning a format's reader gives for a real fixture (or an absolute path). */
export async function readRealFixture(
  format: ImportFormat,
  file: string,
  open?: ReaderContext["open"],
) {
  const filePath = path.isAbsolute(file) ? file : path.join(REAL_FIXTURES, file);
  const warnings: string[] = [];
  const ctx: ReaderContext = {
    path: filePath,
    fileName: path.basename(filePath),
    source: format,
    startedAt: "2024-07-01T09:00:00Z",
    open: open ?? (() => createReadStream(filePath)),
    warn: (m) => warnings.push(m),
  };
  const records: ImportRecord[] = [];
  for await (const r of READERS[format](ctx)) records.push(r);
  return { records, warnings };
}

/** The conversations among a reader's records. */
export const conversationsOf = (records: ImportRecord[]) =>
  records.flatMap((r) => (r.kind === "conversation" ? [r.item] : []));
