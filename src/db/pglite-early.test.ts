import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client.ts";
import { openPgliteEarly, pgliteDirOf, takeEarlyPglite } from "./pglite-early.ts";

describe("openPgliteEarly", () => {
  const dirs: string[] = [];
  const tempDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-early-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens the data directory that openDatabase then takes, locked, once", async () => {
    const dataDir = tempDataDir();
    const dir = pgliteDirOf(dataDir);
    openPgliteEarly({ RAPPORT_DATA_DIR: dataDir });
    expect(fs.readFileSync(path.join(dir, "rapport.pid"), "utf8")).toBe(String(process.pid));
    const database = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(takeEarlyPglite(dir)).toBeUndefined();
    const result = (await database.db.execute(sql`select 1 as one`)) as { rows: unknown[] };
    expect(result.rows).toEqual([{ one: 1 }]);
    await database.close();
    expect(fs.existsSync(path.join(dir, "rapport.pid"))).toBe(false);
  });

  it("opens nothing when PostgreSQL is configured", () => {
    const dataDir = tempDataDir();
    openPgliteEarly({ RAPPORT_DATA_DIR: dataDir, DATABASE_URL: "postgres://x@127.0.0.1/db" });
    expect(takeEarlyPglite(pgliteDirOf(dataDir))).toBeUndefined();
    expect(fs.existsSync(pgliteDirOf(dataDir))).toBe(false);
  });

  it("keeps another process's lock error for openDatabase to throw", async () => {
    const dataDir = tempDataDir();
    const dir = pgliteDirOf(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    // The parent process (the test runner) is alive and is not this process.
    fs.writeFileSync(path.join(dir, "rapport.pid"), String(process.ppid));
    openPgliteEarly({ RAPPORT_DATA_DIR: dataDir });
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(
      /in use by another Rapport process/,
    );
    expect(fs.readFileSync(path.join(dir, "rapport.pid"), "utf8")).toBe(String(process.ppid));
  });
});
