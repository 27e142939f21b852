import fs from "node:fs";
import readline from "node:readline";
import type { Command } from "commander";
import { restoreBackup, writeBackup } from "../../domains/backup/index.ts";
import { withDatabase } from "../context.ts";

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description(
      "Write every row of the database to <file> as JSON lines (PGlite: stop the server first)",
    )
    .argument("<file>", "where to write the backup; refuses to overwrite")
    .action(async (file: string) => {
      await withDatabase(async ({ db }) => {
        const fd = fs.openSync(file, "wx", 0o600);
        try {
          const header = await writeBackup(db, (line) => void fs.writeSync(fd, line));
          const rows = header.tables.reduce((n, t) => n + t.rows, 0);
          process.stdout.write(
            `backed up ${rows} rows of ${header.tables.length} tables to ${file}\n`,
          );
        } finally {
          fs.closeSync(fd);
        }
      });
    });
  program
    .command("restore")
    .description("Restore a backup onto an empty database (a new data dir or PostgreSQL database)")
    .argument("<file>", "a file written by `rapport backup`")
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
      await withDatabase(async ({ db }) => {
        const input = fs.createReadStream(file, "utf8");
        const reader = readline.createInterface({ input, crlfDelay: Infinity });
        // Iterate from the start: lines a readline interface emits before iteration begins are lost,
        // and the restore first waits for the database.
        const lines = reader[Symbol.asyncIterator]();
        let restored: Map<string, number>;
        try {
          ({ restored } = await restoreBackup(db, { [Symbol.asyncIterator]: () => lines }));
        } finally {
          // A refused restore stops reading early; an open file would keep the process alive.
          reader.close();
          input.destroy();
        }
        const rows = [...restored.values()].reduce((n, v) => n + v, 0);
        process.stdout.write(`restored ${rows} rows from ${file}\n`);
      });
    });
}
