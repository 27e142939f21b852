import { defineConfig } from "vitest/config";

// Browser journeys against the real server: one at a time (each starts a server and a browser on a
// 2-core machine). The global setup seeds and analyses the demo once; each server copies it.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    // Journeys written for issues 14–16 that have not yet passed in a full run (see
    // e2e/pending/README.md); run one with `npx vitest run --config vitest.e2e.config.ts
    // --dir e2e/pending <file>` after removing this line locally.
    exclude: ["e2e/pending/**", "**/node_modules/**"],
    globalSetup: ["e2e/global-setup.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 120_000,
  },
});
