/**
 * Start-up benchmark (`npm run bench:startup`, after `npm run build`): how long the production build
 * takes to become useful, the figures issue 13 sets targets for.
 * - `serve` on an existing embedded database: spawn `node dist/main.js serve` to the first 200 from
 *   /healthz (target < 1.5 s). The database is created and migrated by a first, untimed start
 *   (demo off), then stopped; each timed run reopens it. STARTUP_DATA_DIR times an existing data
 *   directory instead (one with the demo, say). STARTUP_MAIN times another build's main.js (a copy of
 *   an earlier commit's dist/, say) so that two builds can be run alternately in one session.
 * - `rapport analyze`: spawn `node bin/rapport.js analyze` on one message to its exit (target
 *   < 0.5 s), with `node -e ""` timed the same way as the baseline: Node's own start-up.
 * Runs each RUNS times (default 7) and prints the median and worst wall time, and the median CPU
 * time (user + system) the process used: on a shared, loaded machine the wall time mostly measures
 * the other processes, while the CPU time is close to what an idle machine's wall time would be.
 * Linux only (/proc, sh `times`).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const MAIN = path.resolve(process.env.STARTUP_MAIN ?? path.join(ROOT, "dist", "main.js"));
// `rapport analyze` as a user runs it (bin/rapport.js checks the build is current, then loads it); with
// STARTUP_MAIN (an A/B of two builds) that build's main.js directly, so both sides time their own.
const BIN = process.env.STARTUP_MAIN ? MAIN : path.join(ROOT, "bin", "rapport.js");
const RUNS = Number(process.env.RUNS ?? 7);
const TICKS_PER_SECOND = 100; // Linux USER_HZ

interface Timing {
  wall: number;
  cpu: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** CPU time (user + system, ms) a running process has used so far, from /proc. */
function cpuMs(pid: number): number {
  // After "pid (comm) " come the fields from 3 on: utime and stime (14 and 15) are at 11 and 12.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** From spawning `serve` to its first healthy answer; stops it after. */
async function timeServe(dataDir: string): Promise<Timing> {
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
  let timing: Timing | undefined;
  while (!timing) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) timing = { wall: performance.now() - started, cpu: cpuMs(child.pid!) };
    else await new Promise((r) => setTimeout(r, 10));
  }
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
  return timing;
}

/** From spawning `node args…` with `input` on stdin to its exit. */
async function timeProcess(args: string[], input: string): Promise<Timing> {
  const started = performance.now();
  // The shell's `times` prints its children's CPU time once the command has exited.
  const command = [process.execPath, ...args].map((a) => `'${a}'`).join(" ");
  const child = spawn("/bin/sh", ["-c", `${command} >/dev/null 2>&1; times`], {
    stdio: ["pipe", "pipe", "ignore"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stdin.end(input);
  await new Promise((r) => child.once("exit", r));
  const wall = performance.now() - started;
  // Last line: the children's user and system time, e.g. "0m0.401s 0m0.063s".
  const cpu = [...(out.trim().split("\n").at(-1) ?? "").matchAll(/(\d+)m([\d.]+)s/g)]
    .map(([, m, s]) => (Number(m) * 60 + Number(s)) * 1000)
    .reduce((a, b) => a + b, 0);
  return { wall, cpu };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function summary(label: string, runs: Timing[]): string {
  const wall = runs.map((r) => r.wall);
  const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
  return `${label.padEnd(36)} wall median ${ms(median(wall))}, worst ${ms(Math.max(...wall))} | CPU median ${ms(median(runs.map((r) => r.cpu)))}`;
}

if (!fs.existsSync(MAIN)) throw new Error(`no ${MAIN}: run \`npm run build\` first`);
// STARTUP_DATA_DIR: time an existing data directory (say one with the demo) instead of a new one.
const given = process.env.STARTUP_DATA_DIR;
const dataDir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), "rapport-bench-startup-"));
try {
  const first = await timeServe(dataDir);
  console.log(
    `first start${given ? "" : " (creates and migrates the database)"}: ${first.wall.toFixed(0)} ms`,
  );
  const serve: Timing[] = [];
  for (let i = 0; i < RUNS; i++) serve.push(await timeServe(dataDir));
  const line = `${JSON.stringify({ id: "m1", text: "I was charged twice and nobody answers my emails." })}\n`;
  const analyze: Timing[] = [];
  const node: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    analyze.push(await timeProcess([BIN, "analyze", "--level", "message"], line));
    node.push(await timeProcess(["-e", ""], ""));
  }
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(`load average ${load.join(" ")} on ${os.cpus().length} cores`);
  console.log(summary("serve, existing database → healthy", serve));
  console.log(summary("rapport analyze, one message", analyze));
  console.log(summary("baseline: node -e ''", node));
} finally {
  if (!given) fs.rmSync(dataDir, { recursive: true, force: true });
}
