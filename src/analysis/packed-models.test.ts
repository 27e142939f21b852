import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILT_IN_MODELS, builtInPackedModels } from "./built-in-models.ts";
import { DENSE_FEATURES } from "./linear-model.ts";
import {
  MODEL_WIDTH,
  deserializePackedModels,
  packModels,
  serializePackedModels,
  type PackedModels,
} from "./packed-models.ts";

/** True when both hold the same keys and bit-identical numbers (Object.is: -0 differs from 0). */
function samePacked(a: PackedModels, b: PackedModels): boolean {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
    x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  return (
    a.keys.join("\n") === b.keys.join("\n") &&
    same(a.bias, b.bias) &&
    a.dense.every((d, i) => same(d, b.dense[i] ?? [])) &&
    same(a.weights, b.weights)
  );
}

describe("packModels", () => {
  it("gives every vocabulary key one row holding each model's weights at its offset", () => {
    const packed = packModels(BUILT_IN_MODELS);
    const { sentiment, emotions, complaint } = BUILT_IN_MODELS;
    const keys = new Set([sentiment, emotions, complaint].flatMap((m) => Object.keys(m.vocab)));
    expect(packed.keys).toEqual([...keys]);
    expect(packed.weights.length).toBe(keys.size * MODEL_WIDTH);
    const row = (key: string) => packed.keys.indexOf(key) * MODEL_WIDTH;
    const sample = Object.keys(emotions.vocab).filter((_, i) => i % 97 === 0);
    for (const key of sample) {
      const at = row(key) + sentiment.outputs.length;
      expect(Array.from(packed.weights.subarray(at, at + 8))).toEqual(emotions.vocab[key]);
    }
    const onlyComplaint = Object.keys(complaint.vocab).find((k) => !(k in sentiment.vocab));
    expect(onlyComplaint).toBeDefined();
    const at = row(onlyComplaint as string);
    expect(packed.weights[at]).toBe(0); // no sentiment weights for it: zeros
    expect(packed.weights[at + MODEL_WIDTH - 1]).toBe(
      complaint.vocab[onlyComplaint as string]?.[0],
    );
  });
});

describe("serializePackedModels", () => {
  it("round-trips the built-in models to the same doubles", () => {
    const packed = builtInPackedModels();
    const back = deserializePackedModels(JSON.parse(JSON.stringify(serializePackedModels(packed))));
    expect(samePacked(back, packed)).toBe(true);
  });

  it("round-trips any weights in thousandths exactly", () => {
    const thousandth = fc.integer({ min: -50_000, max: 50_000 }).map((k) => k / 1000);
    const vector = fc.array(thousandth, { minLength: MODEL_WIDTH, maxLength: MODEL_WIDTH });
    fc.assert(
      fc.property(fc.array(vector, { maxLength: 20 }), vector, (rows, bias) => {
        const packed: PackedModels = {
          keys: rows.map((_, i) => `w${i}`),
          bias,
          dense: DENSE_FEATURES.map(() => bias),
          weights: Float64Array.from(rows.flat()),
        };
        const back = deserializePackedModels(serializePackedModels(packed));
        return samePacked(back, packed);
      }),
    );
  });

  it("refuses weights it could not restore exactly, and tables of another shape", () => {
    const packed = builtInPackedModels();
    const weights = packed.weights.slice();
    weights[5] = 0.1234;
    expect(() => serializePackedModels({ ...packed, weights })).toThrow(/thousandths/);
    const serialized = serializePackedModels(packed);
    const short = { ...serialized, keys: serialized.keys.slice(1) };
    expect(() => deserializePackedModels(short)).toThrow(/shape/);
  });
});
