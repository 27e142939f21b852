import fs from "node:fs";
import readline from "node:readline";
import type { Command } from "commander";
import { restoreBackup, writeBackup } from "../../domains/backup/index.ts";
import type { CommandHost } from "../context.ts";

export function registerBackupCommands(program: Command, host: CommandHost): void {
  program
    .command("backup")
    .description(
      "Write every row of the database to <file> as JSON lines, in one consistent snapshot",
    )
    .argument("<file>", "where to write the backup; refuses to overwrite")
    .action(async (given: string) => {
      const file = host.resolvePath(given);
      await host.withDatabase(async ({ db }) => {
        const fd = fs.openSync(file, "wx", 0o600);
        try {
          const header = await writeBackup(db, (line) => void fs.writeSync(fd, line));
          const rows = header.tables.reduce((n, t) => n + t.rows, 0);
          host.stdout.write(
            `backed up ${rows} rows of ${header.tables.length} tables to ${given}\n`,
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
    .action(async (given: string) => {
      const file = host.resolvePath(given);
      if (!fs.existsSync(file)) throw new Error(`${given}: no such file`);
      await host.withDatabase(async ({ db }) => {
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
        host.stdout.write(`restored ${rows} rows from ${given}\n`);
      });
    });
}
