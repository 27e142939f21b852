import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "test/**/*.test.ts",
      "scripts/**/*.test.ts",
      "web/src/**/*.test.ts",
    ],
    globalSetup: ["test/global-setup.ts"],
    hookTimeout: 60_000,
    testTimeout: 30_000,
    pool: "forks",
    // One process per worker runs file after file, keeping the modules it loaded: a fresh process
    // per file spent more time importing the app than most files spend testing. Tests that change
    // process-wide state (environment, delivery and SMTP settings) restore it when they finish.
    isolate: false,
    // 2-core machines: two workers keep PGlite memory (~1 GB each at init) bounded.
    maxWorkers: 2,
    // Stored secrets (mailbox passwords, webhook secrets) are sealed with this in tests, so no test
    // writes a key file into the working tree.
    env: { RAPPORT_SECRET_KEY: "test-only-secret-key-0123456789" },
  },
});
