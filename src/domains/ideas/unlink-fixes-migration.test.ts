import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { expect, it } from "vitest";
import { buildOrg } from "../../../test/factories.ts";
import { migrationsUpTo } from "../../../test/migrations.ts";
import { openDatabase, PGLITE_START_PARAMS, type Db } from "../../db/client.ts";

it("migration 0020 unlinks ideas from fixes deleted before deleting unlinked them", async () => {
  const older = migrationsUpTo("0019_jobs-priority");
  const client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
  try {
    await migrate(drizzle(client), { migrationsFolder: older });
    const org = await buildOrg(drizzle(client) as unknown as Db);
    const { rows } = await client.query<{ id: string }>(
      `insert into fixes (org_id, title, shipped_at, target) values ($1, 'Kept', now(), '{"search":"x"}')
       returning id`,
      [org.orgId],
    );
    const kept = rows[0]!.id;
    const deleted = "00000000-0000-4000-8000-000000000001";
    await client.query(
      `insert into ideas (org_id, title, body, fix_id)
       values ($1, 'linked', 'b', $2), ($1, 'dangling', 'b', $3), ($1, 'none', 'b', null)`,
      [org.orgId, kept, deleted],
    );

    await (await openDatabase({ kind: "pglite-instance", client })).migrate();

    const ideas = await client.query<{ title: string; fix_id: string | null }>(
      `select title, fix_id from ideas where org_id = $1 order by title`,
      [org.orgId],
    );
    expect(ideas.rows).toEqual([
      { title: "dangling", fix_id: null },
      { title: "linked", fix_id: kept },
      { title: "none", fix_id: null },
    ]);
  } finally {
    await client.close();
    fs.rmSync(older, { recursive: true, force: true });
  }
});
