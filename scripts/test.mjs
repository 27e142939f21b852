#!/usr/bin/env node
// `npm test`: the unit and integration suites (PGlite, and PostgreSQL when TEST_DATABASE_URL is set),
// then the browser journeys against the real built app. Ends with one plain summary line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const outDir = path.join(root, ".tmp");
fs.mkdirSync(outDir, { recursive: true });
const extra = process.argv.slice(2);

const suites = [
  { name: "unit+integration", args: ["run"] },
  { name: "e2e", args: ["run", "--config", "vitest.e2e.config.ts"] },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const suite of suites) {
  const report = path.join(outDir, `vitest-${suite.name}.json`);
  fs.rmSync(report, { force: true });
  process.stdout.write(`\n== ${suite.name} ==\n`);
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules", "vitest", "vitest.mjs"),
      ...suite.args,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
      ...extra,
    ],
    { cwd: root, stdio: "inherit" },
  );
  if (result.status !== 0) exitCode = result.status ?? 1;
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    totals.passed += json.numPassedTests ?? 0;
    totals.failed += json.numFailedTests ?? 0;
    totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  } else if (result.status !== 0) {
    totals.failed += 1;
  }
}
process.stdout.write(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(exitCode);
