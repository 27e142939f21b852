import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { openDatabase } from "../src/db/client.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgliteCliTemplate: string;
    postgresTemplate: string | null;
    postgresSkipReason: string | null;
  }
}

function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The CLI tests run `bin/rapport.js` dozens of times; it runs the bundle when one is current, else
 * the sources through tsx, which costs each process about twice the start-up. Build the bundle (the
 * server alone, ~2 s) once so that every process starts from it.
 */
function buildServerBundle(): void {
  const build = spawnSync(process.execPath, ["scripts/build.mjs", "--if-stale", "--server-only"], {
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("The server build failed (see output above)");
}

/**
 * Migrates once into templates that every test file copies: a PGlite data-dir dump (a fresh
 * PGlite costs ~4 s, a copy ~1 s), the same as a data directory for CLI processes (their first
 * command would otherwise create and migrate it: ~10 s per scratch directory) and, with
 * TEST_DATABASE_URL, a PostgreSQL template database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildServerBundle();
  const dir = path.resolve(".tmp");
  fs.mkdirSync(dir, { recursive: true });
  const templateFile = path.join(dir, `pglite-template-${process.pid}.tar.gz`);
  const database = await openDatabase({ kind: "pglite" });
  await database.migrate();
  const client = (database.db as unknown as { $client: { dumpDataDir(c: "gzip"): Promise<Blob> } })
    .$client;
  const dump = await client.dumpDataDir("gzip");
  fs.writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide("pgliteTemplate", templateFile);
  const cliTemplate = path.join(dir, `pglite-cli-template-${process.pid}`);
  const onDisk = await openDatabase({ kind: "pglite", dataDir: cliTemplate, loadDataDir: dump });
  await onDisk.close();
  project.provide("pgliteCliTemplate", cliTemplate);

  let pgTemplate: string | null = null;
  let skipReason: string | null = null;
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    skipReason = "TEST_DATABASE_URL is not set";
  } else {
    const name = `rapport_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    try {
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const tpl = await openDatabase({ kind: "postgres", url: adminUrl(url, name), poolSize: 2 });
      await tpl.migrate();
      await tpl.close();
      pgTemplate = name;
    } catch (err) {
      skipReason = `PostgreSQL at TEST_DATABASE_URL is unreachable: ${(err as Error).message}`;
      await admin.end().catch(() => {});
    }
  }
  if (skipReason) {
    if (process.env.CI === "true")
      throw new Error(`PostgreSQL suites cannot run in CI: ${skipReason}`);
    console.warn(
      `\n[rapport tests] PostgreSQL suites skipped: ${skipReason}. PGlite suites still run.\n`,
    );
  }
  project.provide("postgresTemplate", pgTemplate);
  project.provide("postgresSkipReason", skipReason);

  return async () => {
    fs.rmSync(templateFile, { force: true });
    fs.rmSync(cliTemplate, { recursive: true, force: true });
    if (url && pgTemplate) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`rapport_t%_${process.pid}_%`],
      );
      for (const { datname } of leftovers.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`drop database if exists ${pgTemplate} with (force)`);
      await admin.end();
    }
  };
}
