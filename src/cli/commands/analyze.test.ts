import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerAnalyzeCommand, runAnalyze, type AnalyzeOptions } from "./analyze.ts";

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

describe("registerAnalyzeCommand", () => {
  it("registers analyze with its options", () => {
    const program = new Command();
    registerAnalyzeCommand(program);
    const cmd = program.commands.find((c) => c.name() === "analyze");
    expect(cmd?.options.map((o) => o.long)).toEqual(["--in", "--out", "--level"]);
  });
});
