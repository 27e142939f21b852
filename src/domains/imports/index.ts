/** File importers: vendor exports, generic CSV/JSON Lines and call transcripts into conversations. */
export {
  importFile,
  type ImportControl,
  type ImportCounts,
  type ImportProgress,
  type ImportSummary,
} from "./imports.service.ts";
export {
  DEFAULT_BATCH_SIZE,
  IMPORT_FORMATS,
  ImportMappingSchema,
  MAX_BATCH_SIZE,
  type ImportFormat,
  type ImportMapping,
  type ImportOptions,
} from "./imports.schemas.ts";
export { TRANSCRIPT_IMPORT_FORMATS } from "./formats/index.ts";
export { TEXT_IMPORT_FORMATS } from "./imports.schemas.ts";
export {
  API_VENDORS,
  importApi,
  type ApiImportOptions,
  type ApiVendor,
} from "./api/api-import.service.ts";
