/** Whole-database backup and restore as portable JSON lines (PGlite or PostgreSQL, either way). */
export { restoreBackup, writeBackup, type BackupHeader } from "./backup.service.ts";
export { backupRoutes, RESTORE_MAX_BYTES } from "./backup.routes.ts";
export { needsSetup } from "./backup.service.ts";
export { writeSetupToken } from "./setup-token.ts";
