/**
 * `npm run bench`: every benchmark in turn, each in its own process (so one's memory and JIT state
 * do not colour the next); it goes on past a bench that fails and names the failures at the end.
 * The database benches need PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL) and most seed a
 * million rows: expect an hour or more. bench:startup times the production build (`npm run build`).
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
// Every bench/*.bench.ts, in name order: a new benchmark is run without being listed here.
const BENCHES = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.slice(0, -".bench.ts".length))
  .sort();

const failed: string[] = [];
for (const name of BENCHES) {
  process.stdout.write(`\n=== bench:${name} ===\n`);
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(here, `${name}.bench.ts`), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  if (result.status !== 0) failed.push(`bench:${name} (exit ${result.status ?? result.signal})`);
}
if (failed.length > 0) {
  process.stderr.write(`failed: ${failed.join(", ")}\n`);
  process.exit(1);
}
