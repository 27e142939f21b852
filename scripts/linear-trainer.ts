/**
 * The trainer behind `train-analysis.ts`: featurisation shared with the runtime (linear-model.ts), an
 * AdaGrad fit of a softmax or sigmoid linear model with optional NB feature scaling, k-fold cross
 * validation, weight averaging, the metrics used to pick thresholds, and the JSON export.
 */
import { tokenize, type Token } from "../src/analysis/text/tokenize.ts";
import { computeValence } from "../src/analysis/sentiment-rules.ts";
import {
  DENSE_FEATURES,
  denseFeatures,
  featureKey,
  type LinearModelJson,
} from "../src/analysis/linear-model.ts";
import { Rng } from "../src/domains/demo/prng.ts";

export interface Example {
  keys: string[];
  dense: Float64Array;
  y: Float64Array;
}

export function featurize(text: string): { keys: string[]; dense: Float64Array } {
  const tokens: Token[] = tokenize(text);
  const valence = computeValence(tokens, "customer");
  const keys = new Set<string>();
  // Unigrams only: adding bigrams lowered 5-fold CV macro-F1 (0.708 → 0.701) and costs a lookup per token.
  tokens.forEach((t, i) => {
    const k = featureKey(t, valence.negated[i] ?? 0);
    if (k !== undefined) keys.add(k);
  });
  return { keys: [...keys], dense: Float64Array.from(denseFeatures(valence)) };
}

export interface TrainOptions {
  link: "softmax" | "sigmoid";
  epochs: number;
  lr: number;
  l2: number;
  minCount: number;
  /** Per-output weight of positive examples (sigmoid) to counter rare labels. */
  posWeight?: number[];
  /**
   * Naive-Bayes feature scaling (Wang & Manning 2012, "NBSVM"): each word feature takes the value
   * r = RMS over classes of its smoothed log-count ratio (class vs rest) instead of 1, computed on
   * the training part only. The exported weight is w·r, so the runtime model stays one weight per
   * word; the scaling changes only what the optimiser and L2 prefer (words that separate classes
   * move first and are penalised less). The value is the add-α smoothing count.
   */
  nbAlpha?: number;
}

export interface Params {
  vocab: Map<string, Float64Array>;
  dense: Float64Array[];
  bias: Float64Array;
}

/** Per-word NB log-count-ratio scale (see TrainOptions.nbAlpha), from one-hot class targets. */
function nbScale(data: Example[], k: number, alpha: number): Map<string, number> {
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(k);
  for (const ex of data) {
    const c = ex.y.indexOf(1);
    if (c < 0) continue;
    totals[c] = (totals[c] ?? 0) + 1;
    for (const key of ex.keys) {
      let a = counts.get(key);
      if (a === undefined) counts.set(key, (a = new Float64Array(k)));
      a[c] = (a[c] ?? 0) + 1;
    }
  }
  const all = totals.reduce((a, b) => a + b, 0);
  const scale = new Map<string, number>();
  for (const [key, a] of counts) {
    const n = a.reduce((x, y) => x + y, 0);
    let sq = 0;
    for (let c = 0; c < k; c++) {
      const inClass = ((a[c] ?? 0) + alpha) / ((totals[c] ?? 0) + alpha);
      const rest = (n - (a[c] ?? 0) + alpha) / (all - (totals[c] ?? 0) + alpha);
      sq += Math.log(inClass / rest) ** 2;
    }
    scale.set(key, Math.sqrt(sq / k));
  }
  return scale;
}

export function train(data: Example[], k: number, opt: TrainOptions): Params {
  const counts = new Map<string, number>();
  for (const ex of data) for (const key of ex.keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const scale = opt.nbAlpha === undefined ? undefined : nbScale(data, k, opt.nbAlpha);
  const vocab = new Map<string, Float64Array>();
  for (const [key, c] of counts) if (c >= opt.minCount) vocab.set(key, new Float64Array(k));
  const dense = DENSE_FEATURES.map(() => new Float64Array(k));
  const bias = new Float64Array(k);
  // Adagrad accumulators.
  const gv = new Map<string, Float64Array>();
  for (const key of vocab.keys()) gv.set(key, new Float64Array(k).fill(1e-6));
  const gd = DENSE_FEATURES.map(() => new Float64Array(k).fill(1e-6));
  const gb = new Float64Array(k).fill(1e-6);
  const order = data.map((_, i) => i);
  const rng = new Rng(7);
  const rand = () => rng.next();
  const z = new Float64Array(k);
  const g = new Float64Array(k);
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const idx of order) {
      const ex = data[idx] as Example;
      z.set(bias);
      for (let d = 0; d < dense.length; d++) {
        const x = ex.dense[d] ?? 0;
        if (x !== 0)
          for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + x * ((dense[d] as Float64Array)[c] ?? 0);
      }
      for (const key of ex.keys) {
        const w = vocab.get(key);
        const x = scale?.get(key) ?? 1;
        if (w !== undefined) for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + x * (w[c] ?? 0);
      }
      if (opt.link === "softmax") {
        let max = -Infinity;
        for (const v of z) max = Math.max(max, v);
        let tot = 0;
        for (let c = 0; c < k; c++) tot += Math.exp((z[c] ?? 0) - max);
        for (let c = 0; c < k; c++) g[c] = Math.exp((z[c] ?? 0) - max) / tot - (ex.y[c] ?? 0);
      } else {
        for (let c = 0; c < k; c++) {
          const p = 1 / (1 + Math.exp(-(z[c] ?? 0)));
          const y = ex.y[c] ?? 0;
          g[c] = (p - y) * (y > 0 ? (opt.posWeight?.[c] ?? 1) : 1);
        }
      }
      const step = (w: Float64Array, acc: Float64Array, x: number, reg: boolean) => {
        for (let c = 0; c < k; c++) {
          const grad = (g[c] ?? 0) * x + (reg ? opt.l2 * (w[c] ?? 0) : 0);
          acc[c] = (acc[c] ?? 0) + grad * grad;
          w[c] = (w[c] ?? 0) - (opt.lr * grad) / Math.sqrt(acc[c] ?? 1);
        }
      };
      step(bias, gb, 1, false);
      for (let d = 0; d < dense.length; d++) {
        const x = ex.dense[d] ?? 0;
        if (x !== 0) step(dense[d] as Float64Array, gd[d] as Float64Array, x, false);
      }
      for (const key of ex.keys) {
        const w = vocab.get(key);
        if (w !== undefined) step(w, gv.get(key) as Float64Array, scale?.get(key) ?? 1, true);
      }
    }
  }
  // Fold the NB scale into the weights: the model is used with binary word features.
  if (scale !== undefined) {
    for (const [key, w] of vocab) {
      const x = scale.get(key) ?? 1;
      for (let c = 0; c < k; c++) w[c] = (w[c] ?? 0) * x;
    }
  }
  return { vocab, dense, bias };
}

/** The mean of several models' weights: for linear models, the same as averaging their logits. */
export function averageParams(models: Params[]): Params {
  const k = models[0]?.bias.length ?? 0;
  const n = models.length;
  const vocab = new Map<string, Float64Array>();
  const dense = DENSE_FEATURES.map(() => new Float64Array(k));
  const bias = new Float64Array(k);
  const add = (into: Float64Array, w: Float64Array) => {
    for (let c = 0; c < k; c++) into[c] = (into[c] ?? 0) + (w[c] ?? 0) / n;
  };
  for (const m of models) {
    for (const [key, w] of m.vocab) {
      let into = vocab.get(key);
      if (into === undefined) vocab.set(key, (into = new Float64Array(k)));
      add(into, w);
    }
    m.dense.forEach((w, d) => add(dense[d] as Float64Array, w));
    add(bias, m.bias);
  }
  return { vocab, dense, bias };
}

export function predict(p: Params, ex: Example, link: "softmax" | "sigmoid"): Float64Array {
  const k = p.bias.length;
  const z = Float64Array.from(p.bias);
  for (let d = 0; d < p.dense.length; d++) {
    const x = ex.dense[d] ?? 0;
    for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + x * ((p.dense[d] as Float64Array)[c] ?? 0);
  }
  for (const key of ex.keys) {
    const w = p.vocab.get(key);
    if (w !== undefined) for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + (w[c] ?? 0);
  }
  if (link === "sigmoid") return z.map((v) => 1 / (1 + Math.exp(-v)));
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const tot = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / tot);
}

export function macroF1(gold: number[], pred: number[], k: number): number {
  let sum = 0;
  for (let c = 0; c < k; c++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / k;
}

export function auc(scores: number[], labels: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let rankSum = 0;
  let pos = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++)
      if ((labels[idx[t] as number] ?? 0) > 0) {
        rankSum += rank;
        pos++;
      }
    i = j + 1;
  }
  const neg = labels.length - pos;
  return pos === 0 || neg === 0 ? Number.NaN : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function crossValidate(
  data: Example[],
  k: number,
  opt: TrainOptions,
  folds = 5,
): { preds: Float64Array[]; models: Params[] } {
  const preds: Float64Array[] = new Array(data.length);
  const models: Params[] = [];
  for (let f = 0; f < folds; f++) {
    const trainSet = data.filter((_, i) => i % folds !== f);
    const p = train(trainSet, k, opt);
    models.push(p);
    data.forEach((ex, i) => {
      if (i % folds === f) preds[i] = predict(p, ex, opt.link);
    });
  }
  return { preds, models };
}

export function toJson(
  p: Params,
  outputs: string[],
  link: "softmax" | "sigmoid",
  minAbs: number,
): LinearModelJson {
  const round = (v: Float64Array) => [...v].map((x) => Math.round(x * 1000) / 1000);
  const vocab: Record<string, number[]> = {};
  const keys = [...p.vocab.keys()].sort();
  for (const key of keys) {
    const w = p.vocab.get(key) as Float64Array;
    // Softmax is shift-invariant per feature: centre it so that small vectors are dropped.
    if (link === "softmax") {
      const m = w.reduce((a, b) => a + b, 0) / w.length;
      for (let c = 0; c < w.length; c++) w[c] = (w[c] ?? 0) - m;
    }
    if (Math.max(...w.map(Math.abs)) >= minAbs) vocab[key] = round(w);
  }
  const dense: Record<string, number[]> = {};
  DENSE_FEATURES.forEach((name, d) => (dense[name] = round(p.dense[d] as Float64Array)));
  return { outputs, link, bias: round(p.bias), dense, vocab };
}
