import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MIGRATIONS_DIR } from "../src/db/client.ts";

export interface Journal {
  entries: { tag: string }[];
}

/** The app's migration journal. */
export const journal = JSON.parse(
  fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"),
) as Journal;

/**
 * A temporary copy of the migrations up to and including `tag`: an older release's database is
 * migrated with it, then with the app's own. The caller removes the directory.
 */
export function migrationsUpTo(tag: string): string {
  const last = journal.entries.findIndex((e) => e.tag === tag);
  if (last < 0) throw new Error(`no migration ${tag}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-migrations-"));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const e of journal.entries.slice(last + 1)) fs.rmSync(path.join(dir, `${e.tag}.sql`));
  const older: Journal = { ...journal, entries: journal.entries.slice(0, last + 1) };
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify(older));
  return dir;
}
