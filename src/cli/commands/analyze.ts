/**
 * `rapport analyze`: runs the analysis engine over JSON Lines, streaming, one output line per input
 * line in the same order. Other tools depend on this contract exactly (docs/analysis.md).
 *
 * Blank lines are not skipped: each yields an EMPTY_LINE error line, so line N of the output always
 * answers line N of the input.
 *
 * The input is read as bytes and cut after its last "\n" into batches (whatever each read brought,
 * so an interactive caller gets each answer before it sends the next line); this thread and, for a
 * large input, worker threads analyse the batches (analyze-pool.ts) and their answers are written in
 * input order. At most a few batches per thread are in flight and writing waits for the output to
 * drain, so memory stays bounded whatever the input's size.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { availableParallelism } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { Command } from "commander";
import { z } from "zod";
import type { BatchResult } from "./analyze-batch.ts";
import { describeIssues } from "./json-lines.ts";
import {
  AnalysisThreadError,
  createBatchRunner,
  GROW_BYTES,
  type BatchRunner,
} from "./analyze-pool.ts";

/** Batches waiting for or in analysis per thread; more would only hold memory. */
const IN_FLIGHT_PER_THREAD = 3;
/** Input read before workers start when --threads was given. */
const ASKED_GROW_BYTES = 1 << 20;
/** Threads by default: one per core, at most this many (each worker holds its own engine). */
const DEFAULT_MAX_THREADS = 4;

export const AnalyzeOptionsSchema = z.object({
  in: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  level: z.enum(["message", "conversation"]).default("message"),
  /** Threads analysing: this one and up to `threads - 1` workers (1: no workers). */
  threads: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(() => Math.min(availableParallelism(), DEFAULT_MAX_THREADS)),
});
export type AnalyzeOptions = z.input<typeof AnalyzeOptionsSchema>;

/**
 * Waits for `event` (or an error) on `stream`, then removes both listeners, so waiting on every
 * backpressured write does not pile up listeners.
 */
async function waitFor(stream: Writable, event: "drain" | "finish"): Promise<void> {
  const ac = new AbortController();
  const settle = () => undefined;
  await Promise.race([
    once(stream, event, { signal: ac.signal }).then(settle, settle),
    once(stream, "error", { signal: ac.signal }).then(settle, settle),
  ]);
  ac.abort();
}

/** A batch's own copy of `parts` (transferred to a worker, so never a slice of a shared buffer). */
function ownBytes(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return bytes;
}

/** Counts of the lines analysed so far. */
export interface Totals {
  lines: number;
  failed: number;
}

/**
 * Reads `input` in batches of whole lines, has `runner` analyse them and writes the answers to
 * `output` in input order. Throws the first read, write or analysis error.
 */
export async function pipeBatches(
  input: Readable,
  output: Writable,
  runner: BatchRunner,
  maxInFlight: number,
  totals: Totals,
): Promise<void> {
  const queue: { result?: BatchResult; done: Promise<void> }[] = [];
  let failure: unknown;
  const writeReady = () => {
    for (let head = queue[0]; head?.result !== undefined; head = queue[0]) {
      queue.shift();
      const r = head.result;
      totals.lines += r.lines;
      totals.failed += r.failed;
      if (r.length > 0) output.write(r.out.subarray(0, r.length));
    }
  };
  let batches = 0;
  const submit = (parts: Uint8Array[]) => {
    const slot: (typeof queue)[number] = { done: Promise.resolve() };
    slot.done = runner.run(ownBytes(parts), batches++ === 0).then(
      (r) => {
        slot.result = r;
        writeReady();
      },
      (err: unknown) => {
        failure ??= err;
      },
    );
    queue.push(slot);
  };
  const check = () => {
    if (failure !== undefined) throw failure;
    if (output.errored) throw output.errored;
  };
  let carry: Uint8Array[] = [];
  for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    const cut = bytes.lastIndexOf(0x0a) + 1;
    if (cut === 0) {
      carry.push(bytes);
      continue;
    }
    submit([...carry, bytes.subarray(0, cut)]);
    carry = cut < bytes.byteLength ? [bytes.subarray(cut)] : [];
    while (queue.length >= maxInFlight && failure === undefined) await queue[0]?.done;
    if (output.writableNeedDrain) await waitFor(output, "drain");
    check();
  }
  if (carry.length > 0) submit(carry);
  await Promise.all(queue.map((s) => s.done));
  // Everything written has been taken by the output before the summary (stdout is not ended).
  if (output.writableNeedDrain) await waitFor(output, "drain");
  check();
}

/**
 * Runs the command. Returns the exit code: 0 when every line succeeded, 1 when any line failed,
 * 2 for unusable options or files. Never prints a stack trace.
 */
export async function runAnalyze(
  opts: AnalyzeOptions,
  stdin: Readable,
  stdout: Writable,
  stderr: Writable,
): Promise<number> {
  const parsedOpts = AnalyzeOptionsSchema.safeParse(opts);
  if (!parsedOpts.success) {
    stderr.write(`analyze: invalid options: ${describeIssues(parsedOpts.error)}\n`);
    return 2;
  }
  const { level, threads } = parsedOpts.data;
  // Threads asked for by name start at 1 MB of input; the default waits until workers pay off.
  const growBytes = opts.threads === undefined ? GROW_BYTES : ASKED_GROW_BYTES;
  const input = parsedOpts.data.in === undefined ? stdin : createReadStream(parsedOpts.data.in);
  const output =
    parsedOpts.data.out === undefined ? stdout : createWriteStream(parsedOpts.data.out);
  let streamError: Error | undefined;
  const onError = (err: Error) => {
    streamError ??= err;
  };
  input.on("error", onError);
  output.on("error", onError);

  const runner = createBatchRunner(level, threads, growBytes);
  const totals: Totals = { lines: 0, failed: 0 };
  try {
    await pipeBatches(input, output, runner, threads * IN_FLIGHT_PER_THREAD, totals);
  } catch (err) {
    streamError ??= err instanceof Error ? err : new Error(String(err));
  } finally {
    await runner.close();
  }
  if (output !== stdout) {
    output.end();
    if (streamError === undefined) await waitFor(output, "finish");
  }
  if (streamError !== undefined) {
    const code = (streamError as NodeJS.ErrnoException).code;
    const what =
      streamError instanceof AnalysisThreadError
        ? "an analysis thread failed"
        : code === "ENOENT"
          ? "file not found"
          : "I/O error";
    stderr.write(`analyze: ${what}: ${streamError.message}\n`);
    return 2;
  }
  const { lines, failed } = totals;
  stderr.write(`analyze: ${lines} lines, ${lines - failed} ok, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/** Adds `rapport analyze` to the CLI. */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command("analyze")
    .description("Analyse JSON Lines of messages or conversations (stdin → stdout by default)")
    .option("--in <file>", "read JSON Lines from this file instead of stdin")
    .option("--out <file>", "write JSON Lines to this file instead of stdout")
    // Validated by runAnalyze (zod) rather than commander's .choices(), so a bad level exits 2 like
    // every other unusable option.
    .option("--level <level>", "what each input line holds: message or conversation", "message")
    .option(
      "--threads <n>",
      `threads analysing a large input in parallel (default: one per core, at most ${DEFAULT_MAX_THREADS})`,
    )
    .action(async (opts: AnalyzeOptions) => {
      process.exitCode = await runAnalyze(opts, process.stdin, process.stdout, process.stderr);
    });
}
