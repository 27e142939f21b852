import { defineConfig } from "vitest/config";

// Browser journeys against the real server: one at a time (each starts a server and a browser on a
// 2-core machine), with long timeouts because the first start seeds the demo data.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 120_000,
  },
});
