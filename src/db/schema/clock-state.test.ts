import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { expect, it } from "vitest";
import { migrationsUpTo } from "../../../test/migrations.ts";
import { openDatabase, PGLITE_START_PARAMS } from "../client.ts";
import { clockStateFrom, clockStateText } from "./clock-state.ts";

const CLOCKS = [
  {
    key: "first_response",
    kind: "sla",
    dueAt: 1795521600000,
    state: "met",
    atRiskAt: null,
    stoppedAt: 1795496438954,
    breachedAt: null,
  },
  {
    key: "fca_summary",
    kind: "regulatory",
    dueAt: 1795824000000,
    state: "breached",
    atRiskAt: 1795777200000,
    stoppedAt: null,
    breachedAt: 1795824000000,
  },
];

it("migration 0016 rewrites stored jsonb clock objects as the compact text, same clocks", async () => {
  const older = migrationsUpTo("0014_case-clocks-table");
  const client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
  try {
    await migrate(drizzle(client), { migrationsFolder: older });
    const states = [CLOCKS, [], [CLOCKS[1]!]];
    await client.exec(
      "insert into organizations (id, slug, name) values (gen_random_uuid(), 'o', 'O')",
    );
    for (const [i, state] of states.entries()) {
      const id = `00000000-0000-4000-8000-00000000000${i}`;
      await client.query(
        `insert into cases (org_id, id, reference, title, source, status, clock_policy, opened_at)
         select id, $1::uuid, $1::text, 'Case', 'manual', 'new', '{}', now() from organizations`,
        [id],
      );
      await client.query(
        "insert into case_clocks (org_id, case_id, clock_state) select id, $1, $2 from organizations",
        [id, JSON.stringify(state)],
      );
    }
    await (await openDatabase({ kind: "pglite-instance", client })).migrate();
    const { rows } = await client.query<{ text: string; state: unknown }>(
      "select clock_state::text as text, clock_state as state from case_clocks order by case_id",
    );
    expect(rows.map((r) => r.text)).toEqual(states.map(clockStateText));
    expect(rows.map((r) => clockStateFrom(r.state))).toEqual(states);
  } finally {
    await client.close();
    fs.rmSync(older, { recursive: true, force: true });
  }
});
