import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./client.ts";
import { PGLITE_EXTRA_PARAMS, openPgliteEarly, pgliteDirOf } from "./pglite-early.ts";
import { PgliteThread } from "./pglite-thread.ts";

describe("PgliteThread: PGlite on a worker thread", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-thread-"));
  const dir = path.join(dataDir, "pglite");
  let thread: PgliteThread;

  beforeAll(async () => {
    thread = await PgliteThread.open(dir, PGLITE_EXTRA_PARAMS);
    await thread.exec(
      "create table t (id int primary key, at timestamptz, doc jsonb); insert into t values (1, '2026-01-02T03:04:05Z', '{\"a\": [1, 2]}')",
    );
  });
  afterAll(async () => {
    await thread.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers queries with parameters, in object and array rows, keeping text where asked", async () => {
    const objects = await thread.query<{ id: number; doc: unknown }>(
      "select id, doc from t where id = $1",
      [1],
    );
    expect(objects.rows).toEqual([{ id: 1, doc: { a: [1, 2] } }]);
    const keepText = { 1184: (value: string) => value };
    const arrays = await thread.query("select id, at from t", [], {
      rowMode: "array",
      parsers: keepText,
    });
    expect(arrays.rows).toEqual([[1, "2026-01-02 03:04:05+00"]]);
    const parsed = await thread.query<{ at: Date }>("select at from t");
    expect(parsed.rows[0]!.at).toBeInstanceOf(Date);
  });

  it("starts PGlite with Rapport's parameters", async () => {
    const { rows } = await thread.query<{ shared_buffers: string }>("show shared_buffers");
    expect(rows).toEqual([{ shared_buffers: "16MB" }]);
  });

  it("refuses parsers it cannot run on the other thread", async () => {
    await expect(
      thread.query("select at from t", [], { parsers: { 1184: (v: string) => v.length } }),
    ).rejects.toThrow(/keep the text/);
  });

  it("refuses a parameter that cannot cross threads, then goes on answering", async () => {
    await expect(thread.query("select $1::text as v", [() => "x"])).rejects.toThrow(/clone/i);
    expect((await thread.query("select $1::text as v", ["x"])).rows).toEqual([{ v: "x" }]);
  });

  it("passes PostgreSQL's error fields back and goes on answering", async () => {
    const err = (await thread.query("insert into t (id) values (1)").catch((e: unknown) => e)) as {
      code?: string;
      constraint?: string;
    };
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe("23505");
    expect(err.constraint).toBe("t_pkey");
    expect((await thread.query("select count(*)::int as n from t")).rows).toEqual([{ n: 1 }]);
  });

  it("commits a transaction, rolls back a failed or rolled-back one", async () => {
    await thread.transaction(async (tx) => {
      await tx.query("insert into t (id) values (2)");
    });
    await expect(
      thread.transaction(async (tx) => {
        await tx.query("insert into t (id) values (3)");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await thread.transaction(async (tx) => {
      await tx.query("insert into t (id) values (4)");
      await tx.rollback();
      expect(tx.closed).toBe(true);
      await expect(tx.query("select 1")).rejects.toThrow(/closed/);
    });
    const { rows } = await thread.query<{ id: number }>("select id from t order by id");
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it("holds other calls until a transaction ends, as PGlite does", async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const tx = thread.transaction(async (t) => {
      await t.query("insert into t (id) values (5)");
      await paused;
      await t.query("delete from t where id = 5");
    });
    const outside = thread.query<{ n: number }>("select count(*)::int as n from t where id = 5");
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await tx;
    // Run inside the transaction, it would have seen row 5.
    expect((await outside).rows).toEqual([{ n: 0 }]);
  });

  it("runs Drizzle, migrations and the server's early open on the thread", async () => {
    const dataDir2 = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-thread-early-"));
    let database: Database | undefined;
    try {
      openPgliteEarly({ RAPPORT_DATA_DIR: dataDir2 });
      database = await openDatabase({ kind: "pglite", dataDir: pgliteDirOf(dataDir2) });
      await database.migrate();
      const { rows } = (await database.db.execute(
        sql`select count(*)::int as n from organizations`,
      )) as unknown as { rows: { n: number }[] };
      expect(rows).toEqual([{ n: 0 }]);
      await database.close();
      database = undefined;
      // What was written is on disk: an in-process PGlite reads it back.
      database = await openDatabase({ kind: "pglite", dataDir: pgliteDirOf(dataDir2) });
      await database.migrate();
      const applied = (await database.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as { rows: { n: number }[] };
      expect(applied.rows[0]!.n).toBeGreaterThan(10);
    } finally {
      await database?.close();
      fs.rmSync(dataDir2, { recursive: true, force: true });
    }
  });

  it("fails to open with PGlite's reason, and a closed thread refuses calls", async () => {
    const file = path.join(dataDir, "not-a-directory");
    fs.writeFileSync(file, "x");
    await expect(PgliteThread.open(file, PGLITE_EXTRA_PARAMS)).rejects.toThrow();
    const other = await PgliteThread.open(path.join(dataDir, "other"), PGLITE_EXTRA_PARAMS);
    await other.close();
    await expect(other.query("select 1")).rejects.toThrow(/stopped/);
  });
});

describe("PgliteThread from the TypeScript sources", () => {
  it("starts under tsx, whose keepNames calls a helper the thread's source text lacks", () => {
    // `npx rapport serve` runs the sources through tsx when they are newer than the build.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-thread-tsx-"));
    const script = `
      const { PgliteThread } = await import("./src/db/pglite-thread.ts");
      const thread = await PgliteThread.open(${JSON.stringify(path.join(dataDir, "pglite"))}, []);
      const { rows } = await thread.query("select 41 + 1 as answer");
      console.log(JSON.stringify(rows));
      await thread.close();`;
    try {
      const out = execFileSync(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        { cwd: path.resolve(import.meta.dirname, "../.."), encoding: "utf8", timeout: 60_000 },
      );
      expect(JSON.parse(out.trim())).toEqual([{ answer: 42 }]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
