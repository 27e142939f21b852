/**
 * Truncated SVD of a sparse document-term matrix by the randomized range finder (Halko, Martinsson
 * and Tropp 2011) with power iterations: latent semantic analysis, so "card never came" and
 * "card hasn't arrived" land near each other through the words they share with other messages.
 */
import { createRng, normal } from "./rng.ts";
import type { SparseRow } from "./sparse.ts";

/** Dense row-major matrix. */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

function dense(rows: number, cols: number): Dense {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Y = A·M for sparse A (n × m) and dense M (m × l). */
function sparseTimes(a: SparseRow[], m: Dense): Dense {
  const l = m.cols;
  const y = dense(a.length, l);
  a.forEach((row, r) => {
    const off = r * l;
    for (let j = 0; j < row.idx.length; j++) {
      const moff = (row.idx[j] ?? 0) * l;
      const v = row.val[j] ?? 0;
      for (let c = 0; c < l; c++) y.data[off + c] = y.data[off + c]! + v * (m.data[moff + c] ?? 0);
    }
  });
  return y;
}

/** Z = Aᵀ·Y for sparse A (n × m) and dense Y (n × l). */
function sparseTransposeTimes(a: SparseRow[], y: Dense, m: number): Dense {
  const l = y.cols;
  const z = dense(m, l);
  a.forEach((row, r) => {
    const off = r * l;
    for (let j = 0; j < row.idx.length; j++) {
      const zoff = (row.idx[j] ?? 0) * l;
      const v = row.val[j] ?? 0;
      for (let c = 0; c < l; c++) z.data[zoff + c] = z.data[zoff + c]! + v * (y.data[off + c] ?? 0);
    }
  });
  return z;
}

/** Orthonormalises the columns in place (modified Gram–Schmidt). */
function orthonormalize(q: Dense): void {
  const { rows, cols, data } = q;
  for (let c = 0; c < cols; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += data[r * cols + c]! * data[r * cols + p]!;
      for (let r = 0; r < rows; r++)
        data[r * cols + c] = data[r * cols + c]! - dot * data[r * cols + p]!;
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += data[r * cols + c]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < rows; r++) data[r * cols + c] = data[r * cols + c]! / norm;
  }
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi). Returns values and column vectors. */
function symmetricEigen(s: Dense): { values: number[]; vectors: Dense } {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  const v = dense(n, n);
  for (let i = 0; i < n; i++) v.data[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v.data[k * n + p]!;
          const vkq = v.data[k * n + q]!;
          v.data[k * n + p] = c * vkp - sn * vkq;
          v.data[k * n + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  const values = Array.from({ length: n }, (_, i) => a[i * n + i]!);
  return { values, vectors: v };
}

/**
 * The top `rank` right singular vectors of sparse A (m columns) scaled for projection: returns
 * `components` (m × rank) such that a row x projects to x·components, the LSA embedding.
 */
export function truncatedSvd(a: SparseRow[], m: number, rank: number, seed: number): Dense {
  const l = Math.min(rank + 10, m);
  const rng = createRng(seed);
  const omega = dense(m, l);
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = normal(rng);
  let q = sparseTimes(a, omega);
  orthonormalize(q);
  for (let it = 0; it < 4; it++) {
    const z = sparseTransposeTimes(a, q, m);
    orthonormalize(z);
    q = sparseTimes(a, z);
    orthonormalize(q);
  }
  // B = Qᵀ A (l × m) is small; its right singular vectors are A's. Take them from Bᵀ's Gram matrix.
  const bt = sparseTransposeTimes(a, q, m); // m × l = (QᵀA)ᵀ
  const gram = dense(l, l);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < l; i++) {
      const x = bt.data[r * l + i]!;
      if (x === 0) continue;
      for (let j = 0; j < l; j++)
        gram.data[i * l + j] = gram.data[i * l + j]! + x * bt.data[r * l + j]!;
    }
  }
  const { values, vectors } = symmetricEigen(gram);
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]);
  // Directions past A's numerical rank are rounding noise; scaled by 1/σ they would swamp the
  // embedding (a few distinct texts asking for 25 dimensions), so they are dropped.
  const floor = Math.max(order[0]?.[0] ?? 0, 0) * 1e-10;
  const k = Math.max(1, Math.min(rank, l, order.filter(([v]) => v > floor).length));
  const comps = dense(m, k);
  // V = Bᵀ U Σ⁻¹; projecting with V gives U Σ-scaled coordinates like scikit-learn's LSA.
  for (let c = 0; c < k; c++) {
    const [val, col] = order[c]!;
    const sigma = Math.sqrt(Math.max(val, 1e-24));
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let i = 0; i < l; i++) s += bt.data[r * l + i]! * vectors.data[i * l + col]!;
      comps.data[r * k + c] = s / sigma;
    }
  }
  return comps;
}
