/**
 * Start-up benchmark (`npm run bench:startup`, after `npm run build`): how long the production build
 * takes to become useful, the figures issue 13 sets targets for.
 * - `serve` on an existing embedded database: spawn `node dist/main.js serve` to the first 200 from
 *   /healthz (target < 1.5 s). The database is created and migrated by a first, untimed start
 *   (demo off), then stopped; each timed run reopens it.
 * - `rapport analyze`: spawn `node bin/rapport.js analyze` on one message to its exit (target
 *   < 0.5 s), with `node -e ""` timed the same way as the baseline: Node's own start-up.
 * Runs each RUNS times (default 7) and prints median and worst. Wall-clock times on a shared machine:
 * read them with the load average printed beside them.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const MAIN = path.join(ROOT, "dist", "main.js");
const BIN = path.join(ROOT, "bin", "rapport.js");
const RUNS = Number(process.env.RUNS ?? 7);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Milliseconds from spawning `serve` to its first healthy answer; stops it after. */
async function timeServe(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, "serve"], {
    env: {
      ...process.env,
      RAPPORT_DATA_DIR: dataDir,
      PORT: String(port),
      RAPPORT_DEMO: "off",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  let ms = Number.NaN;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      ms = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
  return ms;
}

/** Milliseconds from spawning `node args…` with `input` on stdin to its exit. */
async function timeProcess(args: string[], input: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["pipe", "ignore", "ignore"] });
  child.stdin.end(input);
  await new Promise((r) => child.once("exit", r));
  return performance.now() - started;
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${label.padEnd(34)} median ${median.toFixed(0).padStart(5)} ms   worst ${sorted.at(-1)!.toFixed(0).padStart(5)} ms`;
}

if (!fs.existsSync(MAIN)) throw new Error("no dist/main.js: run `npm run build` first");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-startup-"));
try {
  const first = await timeServe(dataDir);
  console.log(`first start (creates and migrates the database): ${first.toFixed(0)} ms`);
  const serve: number[] = [];
  for (let i = 0; i < RUNS; i++) serve.push(await timeServe(dataDir));
  const line = `${JSON.stringify({ id: "m1", text: "I was charged twice and nobody answers my emails." })}\n`;
  const analyze: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    analyze.push(await timeProcess([BIN, "analyze", "--level", "message"], line));
    node.push(await timeProcess(["-e", ""], ""));
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} on ${os.cpus().length} cores`,
  );
  console.log(summary("serve, existing database → healthy", serve));
  console.log(summary("rapport analyze, one message", analyze));
  console.log(summary("baseline: node -e ''", node));
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
