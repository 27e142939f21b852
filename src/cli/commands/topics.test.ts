import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTopicLine, runTopics, type TopicsOptions } from "./topics.ts";

class Sink extends Writable {
  text = "";
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString("utf8");
    done();
  }
}

async function run(input: string, opts: TopicsOptions = {}) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runTopics(opts, Readable.from([input]), stdout, stderr);
  const lines = stdout.text.split("\n").filter((l) => l !== "");
  return {
    code,
    out: lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: stderr.text,
  };
}

const CARD = [
  "my card has not arrived yet",
  "when will my new card arrive",
  "card still not delivered",
];
const REFUND = [
  "I want a refund for my order",
  "refund my money please",
  "how long does a refund take",
];

describe("runTopics", () => {
  it("answers every line in order with id, topic and label, at most k topics", async () => {
    const items = [...CARD, ...REFUND].map((text, i) => ({ id: `m${i}`, text }));
    const { code, out, stderr } = await run(items.map((l) => JSON.stringify(l)).join("\n"), {
      k: "2",
    });
    expect(code).toBe(0);
    expect(out.map((o) => o.id)).toEqual(items.map((i) => i.id));
    for (const o of out) expect(Object.keys(o)).toEqual(["id", "topic", "label"]);
    expect(new Set(out.map((o) => o.topic)).size).toBeLessThanOrEqual(2);
    expect(new Set(out.slice(0, 3).map((o) => o.topic)).size).toBe(1);
    expect(out[0]?.topic).not.toBe(out[3]?.topic);
    expect(String(out[3]?.label)).toMatch(/refund/);
    expect(stderr).toBe("topics: 6 lines, 6 ok, 0 failed\n");
  });

  it("answers bad lines in place like analyze and exits 1", async () => {
    const input = [
      JSON.stringify({ id: "a", text: "card not arrived" }),
      "not json",
      "",
      JSON.stringify({ id: "b", text: 5 }),
      JSON.stringify({ text: "no id" }),
      JSON.stringify({ id: 7, text: "refund please" }),
    ].join("\r\n");
    const { code, out, stderr } = await run(input);
    expect(code).toBe(1);
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({ id: "a", topic: expect.any(Number) });
    expect(out[1]).toEqual({ error: { code: "INVALID_JSON", message: "line is not valid JSON" } });
    expect(out[2]).toMatchObject({ error: { code: "EMPTY_LINE" } });
    expect(out[3]).toMatchObject({ id: "b", error: { code: "INVALID_LINE" } });
    expect(out[4]).toMatchObject({ error: { code: "INVALID_LINE" } });
    expect(out[5]).toMatchObject({ id: 7, topic: expect.any(Number) });
    expect(stderr).toBe("topics: 6 lines, 2 ok, 4 failed\n");
  });

  it("reads --in and writes --out, and is the same for the same seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "topics-"));
    const items = [...CARD, ...REFUND, ...CARD].map((text, i) => JSON.stringify({ id: i, text }));
    writeFileSync(join(dir, "in.jsonl"), `${items.join("\n")}\n`);
    const opts = { in: join(dir, "in.jsonl"), out: join(dir, "out.jsonl"), k: "3" };
    expect(await runTopics(opts, Readable.from([]), new Sink(), new Sink())).toBe(0);
    const first = readFileSync(join(dir, "out.jsonl"), "utf8");
    expect(first.trim().split("\n")).toHaveLength(items.length);
    expect(await runTopics(opts, Readable.from([]), new Sink(), new Sink())).toBe(0);
    expect(readFileSync(join(dir, "out.jsonl"), "utf8")).toBe(first);
  });

  it("reads a file as it reads stdin: BOM, and LF, CRLF or lone CR line ends", async () => {
    const items = [...CARD, ...REFUND].map((text, i) => JSON.stringify({ id: i, text }));
    const input = `\uFEFF${items[0]}\r${items[1]}\r\n${items.slice(2).join("\n")}\n`;
    const dir = mkdtempSync(join(tmpdir(), "topics-"));
    writeFileSync(join(dir, "in.jsonl"), input);
    const fromFile = new Sink();
    const stderr = new Sink();
    const opts = { in: join(dir, "in.jsonl"), k: "2" };
    expect(await runTopics(opts, Readable.from([]), fromFile, stderr)).toBe(0);
    expect(stderr.text).toBe("topics: 6 lines, 6 ok, 0 failed\n");
    const cut = Buffer.from(input);
    const fromStdin = new Sink();
    const chunks = [cut.subarray(0, 2), cut.subarray(2, 77), cut.subarray(77)];
    expect(await runTopics({ k: "2" }, Readable.from(chunks), fromStdin, new Sink())).toBe(0);
    expect(fromStdin.text).toBe(fromFile.text);
  });

  it("exits 2 for unusable options or a missing file", async () => {
    expect((await run("", { k: "0" })).code).toBe(2);
    expect((await run("", { k: "many" })).code).toBe(2);
    const missing = await run("", { in: "/nonexistent/in.jsonl" });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/file not found/);
  });

  it("never throws on any line", () => {
    fc.assert(
      fc.property(fc.string(), (line) => {
        const r = parseTopicLine(line);
        expect(typeof r.ok).toBe("boolean");
      }),
    );
  });
});
