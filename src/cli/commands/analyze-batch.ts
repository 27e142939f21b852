/**
 * The engine side of `rapport analyze`: a batch of whole input lines (UTF-8 bytes) in, their output
 * lines (UTF-8 bytes, one per input line, same order) out. Runs in the command's own thread and in
 * its worker threads (analyze-pool.ts).
 */
import { threadId } from "node:worker_threads";
import { z } from "zod";
import { analyzeConversation, analyzeMessage, type MessageAnalysis } from "../../analysis/index.ts";
import { errorLine, readJsonLine, splitLines } from "./json-lines.ts";

export const LEVELS = ["message", "conversation"] as const;
export type Level = (typeof LEVELS)[number];

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

/** The message-level fields of the CLI contract (sentiment terms are left out to keep lines small). */
function messageFields(a: MessageAnalysis) {
  return {
    sentiment: { score: a.sentiment.score, label: a.sentiment.label },
    politeness: a.politeness,
    emotions: a.emotions,
    signals: a.signals,
  };
}

type LineResult = { ok: true; value: object } | { ok: false; value: object };

/** Analyses one input line; never throws. */
export function analyzeLine(line: string, level: Level): LineResult {
  if (level === "message") {
    const r = readJsonLine(line, MessageLineSchema);
    if (!r.ok) return r;
    return analyzed(r.data.id, () => ({ id: r.data.id, ...messageFields(analyzeMessage(r.data)) }));
  }
  const r = readJsonLine(line, ConversationLineSchema);
  if (!r.ok) return r;
  return analyzed(r.data.id, () => {
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
    return value;
  });
}

/** `analyse()`'s answer; if the engine throws (it is built not to), an error line and the run goes on. */
function analyzed(id: string, analyse: () => object): LineResult {
  try {
    return { ok: true, value: analyse() };
  } catch {
    return { ok: false, value: errorLine("ANALYSIS_FAILED", "analysis failed for this line", id) };
  }
}

export interface BatchResult {
  /** The output lines, each ending in "\n", in `out[0 .. length)`. */
  out: Uint8Array;
  length: number;
  lines: number;
  failed: number;
  /** The thread that analysed the batch (worker_threads' threadId; 0: the main thread). */
  thread: number;
}

/**
 * Analyses every line of `bytes`, which ends at a line end (or at the end of the input: batches are
 * cut after a "\n", so neither a line nor a UTF-8 character is ever split between two). `first`
 * marks the input's first batch, whose leading byte-order mark is dropped.
 */
export function analyzeBatch(bytes: Uint8Array, first: boolean, level: Level): BatchResult {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const lines = splitLines(text);
  if (first && lines[0]?.charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  // Encoded line by line into one buffer: V8 encodes a long joined string slowly (docs/performance.md).
  let out = Buffer.allocUnsafeSlow(Math.max(1024, bytes.byteLength * 4));
  let used = 0;
  let failed = 0;
  for (const line of lines) {
    const result = analyzeLine(line, level);
    if (!result.ok) failed++;
    const json = JSON.stringify(result.value);
    const most = json.length * 3 + 1; // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (used + most > out.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(out.length * 2, used + most));
      out.copy(bigger, 0, 0, used);
      out = bigger;
    }
    used += out.write(json, used);
    out[used++] = 0x0a;
  }
  return { out, length: used, lines: lines.length, failed, thread: threadId };
}
