import { defineConfig } from "vitest/config";

// Browser journeys against the real server: one at a time (each starts a server and a browser on a
// 2-core machine). The global setup seeds and analyses the demo once; each server copies it.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    setupFiles: ["e2e/failure-output.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 120_000,
    // A loaded 2-core machine can take seconds to save and refetch; vitest's default poll of 1 s
    // made journeys flaky (a goal saved but not yet listed). Polls that need longer still say so.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
