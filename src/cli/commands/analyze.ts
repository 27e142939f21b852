/**
 * `rapport analyze`: runs the analysis engine over JSON Lines, streaming, one output line per input
 * line in the same order. Other tools depend on this contract exactly (docs/analysis.md).
 *
 * Blank lines are not skipped: each yields an EMPTY_LINE error line, so line N of the output always
 * answers line N of the input.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Command } from "commander";
import { z } from "zod";
import { analyzeConversation, analyzeMessage, type MessageAnalysis } from "../../analysis/index.ts";

const LEVELS = ["message", "conversation"] as const;
/** Output is written once this many bytes of it are waiting (bounded memory). */
const FLUSH_BYTES = 64 * 1024;

export const AnalyzeOptionsSchema = z.object({
  in: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  level: z.enum(LEVELS).default("message"),
});
export type AnalyzeOptions = z.input<typeof AnalyzeOptionsSchema>;

const RoleSchema = z.enum(["customer", "agent", "bot", "internal"]);
const TimestampSchema = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
    "must be an ISO-8601 timestamp",
  );
const OffsetSchema = z.number().finite().nonnegative();

export const MessageLineSchema = z.object({
  id: z.string(),
  text: z.string(),
  role: RoleSchema.optional(),
  ts: TimestampSchema.optional(),
  lang: z.string().optional(),
});

export const ConversationLineSchema = z.object({
  id: z.string(),
  messages: z.array(
    z.object({
      role: RoleSchema,
      text: z.string(),
      ts: TimestampSchema.optional(),
      startOffset: OffsetSchema.optional(),
      endOffset: OffsetSchema.optional(),
      author: z.string().optional(),
      lang: z.string().optional(),
    }),
  ),
});

type ErrorCode = "EMPTY_LINE" | "INVALID_JSON" | "INVALID_LINE" | "ANALYSIS_FAILED";
type LineResult = { ok: true; value: object } | { ok: false; value: object };

function errorLine(code: ErrorCode, message: string, id?: string | number): LineResult {
  const value = id === undefined ? { error: { code, message } } : { id, error: { code, message } };
  return { ok: false, value };
}

/** The message-level fields of the CLI contract (sentiment terms are left out to keep lines small). */
function messageFields(a: MessageAnalysis) {
  return {
    sentiment: { score: a.sentiment.score, label: a.sentiment.label },
    politeness: a.politeness,
    emotions: a.emotions,
    signals: a.signals,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "line"}: ${i.message}`)
    .join("; ");
}

/** Analyses one input line; never throws. */
export function analyzeLine(line: string, level: (typeof LEVELS)[number]): LineResult {
  if (line.trim() === "") return errorLine("EMPTY_LINE", "blank line: expected a JSON object");
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return errorLine("INVALID_JSON", "line is not valid JSON");
  }
  const rawId =
    parsed !== null && typeof parsed === "object" ? (parsed as { id?: unknown }).id : undefined;
  const id =
    typeof rawId === "string" || (typeof rawId === "number" && Number.isFinite(rawId))
      ? rawId
      : undefined;
  try {
    if (level === "message") {
      const r = MessageLineSchema.safeParse(parsed);
      if (!r.success) return errorLine("INVALID_LINE", describeIssues(r.error), id);
      return { ok: true, value: { id: r.data.id, ...messageFields(analyzeMessage(r.data)) } };
    }
    const r = ConversationLineSchema.safeParse(parsed);
    if (!r.success) return errorLine("INVALID_LINE", describeIssues(r.error), id);
    const c = analyzeConversation(r.data.messages);
    const value: Record<string, unknown> = {
      id: r.data.id,
      satisfaction: c.satisfaction,
      sentiment: c.sentiment,
      trajectory: c.trajectory,
      signals: c.signals,
      effort: c.effort,
    };
    if (c.timings !== undefined) value.timings = c.timings;
    value.messages = c.messages.map(messageFields);
    return { ok: true, value };
  } catch {
    // The engine is built never to throw; if it does, keep the run going and say so generically.
    return errorLine("ANALYSIS_FAILED", "analysis failed for this line", id);
  }
}

/**
 * Output lines encoded as UTF-8 straight into a buffer, one line at a time. About half the CPU of
 * joining them into one string and letting the stream encode it: V8 encodes a long concatenated
 * string slowly (measured in docs/performance.md). The bytes are the same.
 */
class LineBuffer {
  private buf = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;
  constructor(private readonly write: (chunk: Buffer) => unknown) {}

  push(line: string): void {
    const most = line.length * 3 + 1; // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (this.used + most > this.buf.length) {
      this.flush();
      if (most > this.buf.length) this.buf = Buffer.allocUnsafe(Math.max(FLUSH_BYTES, most));
    }
    this.used += this.buf.write(line, this.used);
    this.buf[this.used++] = 0x0a;
  }

  /** Hands the waiting bytes to `write`; later lines go after them in the same buffer, or a new one. */
  flush(): void {
    if (this.used === 0) return;
    this.write(this.buf.subarray(0, this.used));
    this.buf = this.buf.subarray(this.used);
    this.used = 0;
  }
}

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
  const { level } = parsedOpts.data;
  const input =
    parsedOpts.data.in === undefined
      ? stdin
      : createReadStream(parsedOpts.data.in, { encoding: "utf8" });
  const output =
    parsedOpts.data.out === undefined ? stdout : createWriteStream(parsedOpts.data.out);
  let streamError: Error | undefined;
  const onError = (err: Error) => {
    streamError ??= err;
  };
  input.on("error", onError);
  output.on("error", onError);

  let lines = 0;
  let failed = 0;
  // Output lines are gathered and written once per input chunk rather than once per line: the
  // flush runs on setImmediate, i.e. when the reader has used up the lines it already holds and
  // waits for input, so an interactive caller still gets each answer before sending the next line.
  const pending = new LineBuffer((chunk) => output.write(chunk));
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    pending.flush();
  };
  try {
    const reader = createInterface({ input, crlfDelay: Infinity });
    for await (const raw of reader) {
      const line = lines === 0 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      lines++;
      const result = analyzeLine(line, level);
      if (!result.ok) failed++;
      pending.push(JSON.stringify(result.value));
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
      // Asked of the stream rather than remembered from write(): a flush on setImmediate may write
      // again while we wait, and "drain" then comes once, for both writes.
      if (output.writableNeedDrain) await waitFor(output, "drain");
      if (streamError !== undefined) break;
    }
    flush();
  } catch (err) {
    streamError ??= err instanceof Error ? err : new Error(String(err));
  }
  if (output !== stdout) {
    output.end();
    if (streamError === undefined) await waitFor(output, "finish");
  }
  if (streamError !== undefined) {
    const code = (streamError as NodeJS.ErrnoException).code;
    stderr.write(
      `analyze: ${code === "ENOENT" ? "file not found" : "I/O error"}: ${streamError.message}\n`,
    );
    return 2;
  }
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
    .action(async (opts: AnalyzeOptions) => {
      process.exitCode = await runAnalyze(opts, process.stdin, process.stdout, process.stderr);
    });
}
