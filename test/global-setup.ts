import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { openDatabase } from "../src/db/client.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
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
 * Migrates once into templates that every test file copies: a PGlite data-dir dump (a fresh
 * PGlite costs ~4 s, a copy ~1 s) and, with TEST_DATABASE_URL, a PostgreSQL template database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
