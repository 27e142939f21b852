import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { journal, migrationsUpTo } from "../../test/migrations.ts";
import { openDatabase, PGLITE_START_PARAMS } from "./client.ts";

async function appliedCount(client: PGlite): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    'select count(*)::int as n from "drizzle"."__drizzle_migrations"',
  );
  return rows[0]!.n;
}

async function tableExists(client: PGlite, table: string): Promise<boolean> {
  const { rows } = await client.query<{ t: string | null }>("select to_regclass($1)::text as t", [
    table,
  ]);
  return rows[0]!.t !== null;
}

describe("PGlite migrate", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("applies every migration to a new database, and nothing again once it is current", async () => {
    const client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
    const database = await openDatabase({ kind: "pglite-instance", client });
    await database.migrate();
    expect(await appliedCount(client)).toBe(journal.entries.length);
    await database.migrate();
    expect(await appliedCount(client)).toBe(journal.entries.length);
    await client.close();
  });

  it("applies the migrations an older database lacks", async () => {
    // A copy of the migrations without the newest one stands for the release before it.
    const newest = journal.entries.at(-1)!;
    const older = migrationsUpTo(journal.entries.at(-2)!.tag);
    dirs.push(older);

    const client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
    await migrate(drizzle(client), { migrationsFolder: older });
    expect(await appliedCount(client)).toBe(journal.entries.length - 1);
    expect(await tableExists(client, "case_clocks")).toBe(newest.tag !== "0014_case-clocks-table");

    const database = await openDatabase({ kind: "pglite-instance", client });
    await database.migrate();
    expect(await appliedCount(client)).toBe(journal.entries.length);
    expect(await tableExists(client, "case_clocks")).toBe(true);
    await client.close();
  });

  it("runs PGlite with the smaller buffer pool", async () => {
    const client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
    const { rows } = await client.query<{ shared_buffers: string }>("show shared_buffers");
    expect(rows[0]!.shared_buffers).toBe("16MB");
    await client.close();
  });
});
