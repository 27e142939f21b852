/**
 * `npm run bench`: every benchmark in turn, each in its own process (so one's memory and JIT state do
 * not colour the next), stopping at the first that fails. The database benches need PostgreSQL
 * (BENCH_DATABASE_URL or TEST_DATABASE_URL) and seed a million rows each: expect about half an hour.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BENCHES = ["analysis", "startup", "ingest", "search", "reports", "surveys"];
const here = path.dirname(fileURLToPath(import.meta.url));

for (const name of BENCHES) {
  process.stdout.write(`\n=== bench:${name} ===\n`);
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(here, `${name}.bench.ts`), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  if (result.status !== 0) {
    process.stderr.write(`bench:${name} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}
