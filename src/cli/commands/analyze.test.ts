import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { createInterface } from "node:readline";
import { Command } from "commander";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pipeBatches, registerAnalyzeCommand, runAnalyze, type AnalyzeOptions } from "./analyze.ts";
import { analyzeBatch, analyzeLine, type BatchResult } from "./analyze-batch.ts";
import { createBatchRunner } from "./analyze-pool.ts";
import { runCli } from "../../../test/cli.ts";

class Sink extends Writable {
  text = "";
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString("utf8");
    done();
  }
}

async function run(input: string, opts: AnalyzeOptions = {}) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runAnalyze(opts, Readable.from([input]), stdout, stderr);
  const lines = stdout.text.split("\n").filter((l) => l !== "");
  return {
    code,
    out: lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: stderr.text,
  };
}

describe("runAnalyze", () => {
  it("answers every message line in order with the contract fields", async () => {
    const input = [
      { id: "a", text: "I want to speak to a manager!" },
      { id: "b", text: "We'll call you back within 24 hours.", role: "agent" },
      { id: "c", text: "" },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const { code, out, stderr } = await run(`${input}\n`);
    expect(code).toBe(0);
    expect(out.map((o) => o.id)).toEqual(["a", "b", "c"]);
    const first = out[0] ?? {};
    expect(Object.keys(first)).toEqual(["id", "sentiment", "politeness", "emotions", "signals"]);
    expect(Object.keys(first.sentiment as object)).toEqual(["score", "label"]);
    const promise = (out[1]?.signals as { name: string; due?: string }[]).find(
      (s) => s.name === "promise",
    );
    expect(promise?.due).toBe("PT24H");
    expect(stderr).toBe("analyze: 3 lines, 3 ok, 0 failed\n");
  });

  it("replaces bad lines with error lines, keeps going and exits 1", async () => {
    const input = [
      "not json",
      JSON.stringify({ id: "x", text: 42 }),
      "",
      JSON.stringify({ id: "y", text: "fine", role: "robot" }),
      JSON.stringify({ text: "no id" }),
      JSON.stringify({ id: "z", text: "thanks so much!" }),
      "[1,2]",
    ].join("\r\n");
    const { code, out, stderr } = await run(input);
    expect(code).toBe(1);
    expect(out).toHaveLength(7);
    expect(out[0]).toEqual({ error: { code: "INVALID_JSON", message: "line is not valid JSON" } });
    expect(out[1]).toMatchObject({ id: "x", error: { code: "INVALID_LINE" } });
    expect(out[2]).toMatchObject({ error: { code: "EMPTY_LINE" } });
    expect(out[3]).toMatchObject({ id: "y", error: { code: "INVALID_LINE" } });
    expect(out[4]).toMatchObject({ error: { code: "INVALID_LINE" } });
    expect(out[5]).toMatchObject({ id: "z", sentiment: { label: "positive" } });
    expect(out[6]).toMatchObject({ error: { code: "INVALID_LINE" } });
    expect(stderr).toBe("analyze: 7 lines, 1 ok, 6 failed\n");
    expect(stderr).not.toMatch(/at .*\.ts/);
  });

  it("analyses conversations", async () => {
    const line = JSON.stringify({
      id: "c1",
      messages: [
        {
          role: "customer",
          text: "My parcel never arrived, this is terrible and I am furious",
          ts: "2026-11-23T09:00:00Z",
        },
        {
          role: "agent",
          text: "I'm so sorry. I'll send a replacement by Friday.",
          ts: "2026-11-23T09:01:00Z",
        },
        { role: "customer", text: "Brilliant, thank you so much!", ts: "2026-11-23T09:02:00Z" },
      ],
    });
    const bad = JSON.stringify({
      id: "c2",
      messages: [{ role: "customer", text: "hi", ts: "tuesday" }],
    });
    const { code, out } = await run(`${line}\n${bad}\n`, { level: "conversation" });
    expect(code).toBe(1);
    const c = out[0] ?? {};
    expect(Object.keys(c)).toEqual([
      "id",
      "satisfaction",
      "sentiment",
      "trajectory",
      "signals",
      "effort",
      "messages",
    ]);
    expect((c.satisfaction as { predicted: number }).predicted).toBeGreaterThanOrEqual(1);
    expect(c.trajectory).toBe("recovered");
    expect(c.messages as unknown[]).toHaveLength(3);
    const promise = (c.signals as { name: string; due?: string; messageIndex: number }[]).find(
      (s) => s.name === "promise",
    );
    expect(promise).toMatchObject({ due: "2026-11-27", messageIndex: 1 });
    expect(out[1]).toMatchObject({ id: "c2", error: { code: "INVALID_LINE" } });
    expect((out[1]?.error as { message: string }).message).toContain("messages.0.ts");
  });

  it("preserves order and count over many lines, streaming", async () => {
    const n = 2_000;
    const input = new PassThrough();
    const stdout = new Sink();
    const done = runAnalyze({}, input, stdout, new Sink());
    for (let i = 0; i < n; i++)
      input.write(
        `${JSON.stringify({ id: String(i), text: i % 7 === 0 ? "urgent!" : "hello" })}\n`,
      );
    input.end();
    expect(await done).toBe(0);
    const ids = stdout.text
      .trimEnd()
      .split("\n")
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => String(i)));
  });

  it("waits for a slow consumer without piling up listeners", async () => {
    let text = "";
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString("utf8");
        setImmediate(done);
      },
    });
    const input = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ id: String(i), text: "hello there" }),
    ).join("\n");
    expect(await runAnalyze({}, Readable.from([input]), slow, new Sink())).toBe(0);
    expect(slow.listenerCount("error")).toBeLessThanOrEqual(1);
    expect(slow.listenerCount("drain")).toBe(0);
    expect(text.trimEnd().split("\n")).toHaveLength(300);
  });

  it("reads --in and writes --out files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-analyze-"));
    const inPath = join(dir, "in.jsonl");
    const outPath = join(dir, "out.jsonl");
    writeFileSync(
      inPath,
      `\uFEFF${JSON.stringify({ id: "f", text: "Please cancel my subscription" })}\n`,
    );
    const stdout = new Sink();
    const stderr = new Sink();
    expect(await runAnalyze({ in: inPath, out: outPath }, Readable.from([]), stdout, stderr)).toBe(
      0,
    );
    expect(stdout.text).toBe("");
    const out = JSON.parse(readFileSync(outPath, "utf8").trim()) as {
      id: string;
      signals: { name: string }[];
    };
    expect(out.id).toBe("f");
    expect(out.signals.map((s) => s.name)).toContain("churn_threat");
  });

  it("exits 2 without a stack trace for a missing file or a bad level", async () => {
    const stderr = new Sink();
    expect(
      await runAnalyze({ in: "/nonexistent/x.jsonl" }, Readable.from([]), new Sink(), stderr),
    ).toBe(2);
    expect(stderr.text).toMatch(/^analyze: file not found/);
    const stderr2 = new Sink();
    expect(
      await runAnalyze({ level: "word" as "message" }, Readable.from([]), new Sink(), stderr2),
    ).toBe(2);
    expect(stderr2.text).toMatch(/^analyze: invalid options/);
  });

  it("writes nothing but the summary for empty input", async () => {
    const { code, out, stderr } = await run("");
    expect(code).toBe(0);
    expect(out).toEqual([]);
    expect(stderr).toBe("analyze: 0 lines, 0 ok, 0 failed\n");
  });
});

/** What the command must answer: readline's lines (the contract's reading), each analysed alone. */
async function expected(bytes: Buffer): Promise<string> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: Readable.from([bytes]), crlfDelay: Infinity }))
    lines.push(lines.length === 0 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  return lines.map((l) => `${JSON.stringify(analyzeLine(l, "message").value)}\n`).join("");
}

const line = (i: number) => `${JSON.stringify({ id: String(i), text: "still waiting!" })}\n`;

/** `bytes` cut at `cuts` (byte offsets, anywhere: inside a line or a UTF-8 character). */
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...at, bytes.length].map((end, i) => bytes.subarray(i === 0 ? 0 : at[i - 1], end));
}

async function runChunks(chunks: Buffer[], threads: number): Promise<string> {
  const stdout = new Sink();
  await runAnalyze({ threads }, Readable.from(chunks), stdout, new Sink());
  return stdout.text;
}

const LINE = fc.oneof(
  fc
    .record({ id: fc.string(), text: fc.string({ unit: "grapheme" }) })
    .map((l) => JSON.stringify(l)),
  fc.constantFrom("", "  ", "not json", "[1]", "null", '{"id":1,"text":"x"}', '{"text":"no id"}'),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);
const LINE_END = fc.constantFrom("\n", "\r\n", "\r");

describe("runAnalyze reads lines as readline does, however the input is cut", () => {
  it("in its own thread: line ends, BOM, characters and lines split between reads", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.tuple(LINE, LINE_END), { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (bom, lines, lastEnd, cuts) => {
          const text = lines.map(([l, e], i) => (i < lines.length - 1 || lastEnd ? l + e : l));
          const bytes = Buffer.from(`${bom ? "\uFEFF" : ""}${text.join("")}`, "utf8");
          expect(await runChunks(chunked(bytes, cuts), 1)).toBe(await expected(bytes));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("allowed three threads: the same bytes as one thread, in input order", async () => {
    // Over 1 MB, so that workers may start (threads given).
    const lines = Array.from({ length: 22_000 }, (_, i) =>
      i % 11 === 0 ? "" : JSON.stringify({ id: String(i), text: `order ${i} never arrived 😡 é` }),
    );
    const text = lines.map((l, i) => l + (i % 2 === 0 ? "\n" : "\r\n")).join("");
    const bytes = Buffer.from(`\uFEFF${text}`, "utf8");
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const cuts = Array.from({ length: 400 }, (_, i) => (i * 7919) % bytes.length);
    const one = await runChunks(chunked(bytes, cuts), 1);
    expect(one).toBe(await expected(bytes));
    expect(await runChunks(chunked(bytes, cuts), 3)).toBe(one);
  });

  it("writes answers in input order when later batches are answered first", async () => {
    const own = createBatchRunner("message", 1);
    let n = 0;
    // Every third batch answers last: as a busy worker's would.
    const uneven = {
      workers: 0,
      close: () => own.close(),
      run: async (bytes: Uint8Array, first: boolean) => {
        const delay = n++ % 3 === 0 ? 30 : 0;
        const r = await own.run(bytes, first);
        await new Promise((resolve) => setTimeout(resolve, delay));
        return r;
      },
    };
    const input = Array.from({ length: 200 }, (_, i) => line(i));
    const chunks = Array.from({ length: 40 }, (_, c) =>
      Buffer.from(input.slice(c * 5, c * 5 + 5).join("")),
    );
    const stdout = new Sink();
    const totals = { lines: 0, failed: 0 };
    await pipeBatches(Readable.from(chunks), stdout, uneven, 6, totals);
    expect(stdout.text).toBe(await expected(Buffer.from(input.join(""))));
    expect(totals).toEqual({ lines: 200, failed: 0 });
  });

  it("starts workers only for a large input and answers as this thread would", async () => {
    const batchOf = (from: number) =>
      Buffer.from(Array.from({ length: 2_000 }, (_, i) => line(from + i)).join(""));
    const runner = createBatchRunner("message", 3, 1 << 20);
    const answers: Promise<BatchResult>[] = [];
    let fromWorkers = 0;
    try {
      answers.push(runner.run(batchOf(0), true));
      expect(runner.workers).toBe(0);
      // Until workers have answered a few (the own thread takes batches while they start).
      for (let b = 1; b < 1_000 && fromWorkers < 4; b++) {
        const answer = runner.run(batchOf(b * 2_000), false);
        answers.push(answer);
        void answer.then((r) => (fromWorkers += r.thread === 0 ? 0 : 1));
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(runner.workers).toBe(2);
      const results = await Promise.all(answers);
      expect(new Set(results.map((r) => r.thread)).size).toBeGreaterThan(1);
      expect(results.every((r) => Number.isInteger(r.thread))).toBe(true);
      results.forEach((r, b) => {
        const own = analyzeBatch(batchOf(b * 2_000), b === 0, "message");
        const text = (x: BatchResult) => Buffer.from(x.out.subarray(0, x.length)).toString("utf8");
        expect(text(r)).toBe(text(own));
        expect(r.lines).toBe(2_000);
      });
    } finally {
      await runner.close();
    }
    // Invalid UTF-8 reads as readline reads it (replacement characters).
    const bad = Buffer.concat([
      Buffer.from('{"id":"b","text":"caf'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}\n'),
    ]);
    expect(await runChunks([bad.subarray(0, 21), bad.subarray(21)], 2)).toBe(await expected(bad));
  });

  it("exits 2 for a thread count that is not a whole number from 1 to 64", async () => {
    for (const threads of [0, 65, 1.5, "many"]) {
      const stderr = new Sink();
      const code = await runAnalyze(
        { threads } as AnalyzeOptions,
        Readable.from([]),
        new Sink(),
        stderr,
      );
      expect(code).toBe(2);
      expect(stderr.text).toMatch(/^analyze: invalid options: threads/);
    }
  });
});

describe("rapport analyze (the built CLI)", () => {
  it("answers a large file on worker threads as on one thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapport-analyze-"));
    const inPath = join(dir, "in.jsonl");
    const texts = [
      "on hold for 2 hours!!",
      "thanks, that fixed it",
      "where is my refund?",
      "{oops",
    ];
    const lines = Array.from({ length: 60_000 }, (_, i) =>
      i % 500 === 7 ? "{oops" : JSON.stringify({ id: String(i), text: texts[i % 3] }),
    );
    writeFileSync(inPath, `${lines.join("\n")}\n`);
    const one = await runCli(["analyze", "--in", inPath, "--threads", "1"], {});
    const two = await runCli(["analyze", "--in", inPath, "--threads", "2"], {});
    expect(one.stderr).toBe("analyze: 60000 lines, 59880 ok, 120 failed\n");
    expect(two.stderr).toBe(one.stderr);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
  });
});

describe("registerAnalyzeCommand", () => {
  it("registers analyze with its options", () => {
    const program = new Command();
    registerAnalyzeCommand(program);
    const cmd = program.commands.find((c) => c.name() === "analyze");
    expect(cmd?.options.map((o) => o.long)).toEqual(["--in", "--out", "--level", "--threads"]);
  });
});
