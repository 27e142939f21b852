/** Whole-database backup and restore as portable JSON lines (PGlite or PostgreSQL, either way). */
export { restoreBackup, writeBackup, type BackupHeader } from "./backup.service.ts";
