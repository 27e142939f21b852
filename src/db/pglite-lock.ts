import fs from "node:fs";
import path from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is an embedded database: two processes opening one data directory corrupt it. This takes
 * an exclusive pid lock on the directory and explains what to do when another process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "rapport.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(file, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by another Rapport process (pid ${holder}). ` +
            "A running `rapport serve` takes CLI commands once it has started; any other process " +
            "(a worker, another command) must finish or be stopped first. Use PostgreSQL " +
            "(DATABASE_URL) to run several processes at once.",
        );
      }
      fs.rmSync(file, { force: true }); // left by a process that died
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
