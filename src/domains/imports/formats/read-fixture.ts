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
