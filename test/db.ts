import fs from "node:fs";
import { afterAll, beforeAll, describe, inject } from "vitest";
import pg from "pg";
import { openDatabase, type Database } from "../src/db/client.ts";

export type BackendKind = "pglite" | "postgres";

/** The backends this run covers: PGlite always; PostgreSQL when TEST_DATABASE_URL is set and reachable. */
export function availableBackends(): BackendKind[] {
  return inject("postgresTemplate") ? ["pglite", "postgres"] : ["pglite"];
}

let counter = 0;

/**
 * Creates a migrated PostgreSQL database, a copy of the run's template, named
 * `rapport_<label>_…` so that the global teardown finds it if a test leaves it behind. Returns its name.
 */
export async function copyPostgresTemplate(label: string): Promise<string> {
  const template = inject("postgresTemplate");
  const url = process.env.TEST_DATABASE_URL;
  if (!template || !url) throw new Error("PostgreSQL is not available in this run");
  const pid = template.split("_")[2];
  const name = `rapport_${label}_${pid}_${process.pid}${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Copying a template fails while another session is connected to it; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        return name;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  } finally {
    await admin.end();
  }
}

/** A fresh, migrated, empty database of the given kind, copied from the run's template. */
export async function createTestDatabase(kind: BackendKind): Promise<Database> {
  if (kind === "pglite") {
    const blob = new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
    return openDatabase({ kind: "pglite", loadDataDir: blob });
  }
  const url = process.env.TEST_DATABASE_URL;
  const name = await copyPostgresTemplate(`t${counter++}`);
  if (!url) throw new Error("PostgreSQL is not available in this run");
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: u.toString(), poolSize: 5 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: url });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  return database;
}

/**
 * Runs a suite once per available backend, each with its own fresh database. The same assertions
 * must hold on PGlite and PostgreSQL: that is what "same schema, same code paths" means. `only`
 * names the backends a suite can run on at all (concurrent transactions need PostgreSQL: PGlite
 * serves one connection).
 */
export function describeEachBackend(
  name: string,
  body: (ctx: { database: () => Database; kind: BackendKind }) => void,
  only?: BackendKind[],
): void {
  for (const kind of availableBackends().filter((k) => !only || only.includes(k))) {
    describe(`${name} [${kind}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.close();
      });
      body({
        kind,
        database: () => {
          if (!database) throw new Error("database not ready");
          return database;
        },
      });
    });
  }
}
