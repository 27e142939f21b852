/**
 * `rapport topics`: groups JSON Lines of `{"id","text"}` into topics without labels and answers
 * each input line, in the same order, with `{"id","topic","label"}` (docs/insights.md). Other
 * tools depend on this contract exactly.
 *
 * Unlike `analyze` it cannot stream: clustering needs every text first, so the input is read whole
 * (1 M short messages take well under 2 GB). Bad lines are answered in place with an error line,
 * as `analyze` does, and take no part in the clustering.
 */
import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import type { Command } from "commander";
import { z } from "zod";
import { clusterTopics } from "../../analysis/topics/index.ts";
import { loadWordVectors } from "../../lib/word-vectors.ts";
import { describeIssues, errorLine, readJsonLine, splitLines } from "./json-lines.ts";

export const TopicsOptionsSchema = z.object({
  in: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  k: z.coerce.number().int().min(1).max(1000).optional(),
  seed: z.coerce.number().int().optional(),
});
export type TopicsOptions = z.input<typeof TopicsOptionsSchema>;

export const TopicLineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
});

type Parsed =
  | { ok: true; id: string | number; text: string }
  | { ok: false; value: ReturnType<typeof errorLine> };

/** Parses one input line; never throws. */
export function parseTopicLine(line: string): Parsed {
  const r = readJsonLine(line, TopicLineSchema);
  return r.ok ? { ok: true, id: r.data.id, text: r.data.text } : r;
}

/** The input's lines, read whole: its line ends and BOM as `rapport analyze` reads them. */
async function readLines(input: Readable): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of input as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk);
  return splitLines(
    Buffer.concat(chunks)
      .toString("utf8")
      .replace(/^\uFEFF/, ""),
  );
}

/** Answers parsed lines: topics for the good ones, the error line in place for the bad ones. */
export function answerTopicLines(parsed: Parsed[], k?: number, seed?: number): object[] {
  const good = parsed.flatMap((p, i) => (p.ok ? [{ i, text: p.text }] : []));
  const result =
    good.length > 0
      ? clusterTopics(
          good.map((g) => g.text),
          { k, seed, wordVectors: loadWordVectors() },
        )
      : undefined;
  const topicOf = new Map<number, number>();
  good.forEach((g, j) => topicOf.set(g.i, result?.assignments[j] ?? 0));
  return parsed.map((p, i) => {
    if (!p.ok) return p.value;
    const topic = topicOf.get(i) ?? 0;
    return { id: p.id, topic, label: result?.topics[topic]?.label ?? "" };
  });
}

/** Runs the command; exit code 0 all lines ok, 1 some failed, 2 unusable options or files. */
export async function runTopics(
  opts: TopicsOptions,
  stdin: Readable,
  stdout: Writable,
  stderr: Writable,
): Promise<number> {
  const o = TopicsOptionsSchema.safeParse(opts);
  if (!o.success) {
    stderr.write(`topics: invalid options: ${describeIssues(o.error)}\n`);
    return 2;
  }
  let lines: string[];
  try {
    lines = await readLines(o.data.in === undefined ? stdin : createReadStream(o.data.in));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    stderr.write(`topics: ${code === "ENOENT" ? "file not found" : "I/O error"}: ${o.data.in}\n`);
    return 2;
  }
  const parsed = lines.map(parseTopicLine);
  const answers = answerTopicLines(parsed, o.data.k, o.data.seed);
  const text = answers.map((a) => `${JSON.stringify(a)}\n`).join("");
  try {
    if (o.data.out === undefined) stdout.write(text);
    else await writeFile(o.data.out, text);
  } catch {
    stderr.write(`topics: I/O error: cannot write ${o.data.out}\n`);
    return 2;
  }
  const failed = parsed.filter((p) => !p.ok).length;
  stderr.write(`topics: ${lines.length} lines, ${lines.length - failed} ok, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/** Adds `rapport topics` to the CLI. */
export function registerTopicsCommand(program: Command): void {
  program
    .command("topics")
    .description("Group JSON Lines of {id,text} into topics (stdin → stdout by default)")
    .option("--in <file>", "read JSON Lines from this file instead of stdin")
    .option("--out <file>", "write JSON Lines to this file instead of stdout")
    .option("--k <n>", "at most this many topics (default about √(n/4), up to 40)")
    .option("--seed <n>", "seed for a reproducible grouping")
    .action(async (opts: TopicsOptions) => {
      process.exitCode = await runTopics(opts, process.stdin, process.stdout, process.stderr);
    });
}
