/**
 * Turns raw cue matches into per-signal scores and evidence.
 *
 * Rules, in order: a veto phrase drops its signal for the whole message; an exclude phrase cancels
 * the cue matches of its signal that it overlaps; overlapping cue matches of one signal count once
 * (strongest weight, widest span); the remaining weights combine with noisy-OR, 1 − Π(1 − wᵢ), so
 * two weak cues can reach a threshold that one alone does not.
 */
import type { Evidence } from "../types.ts";
import type { CueMatch } from "./cues.ts";

/** Evidence spans kept per signal: enough to explain, small enough to serialise cheaply. */
const MAX_EVIDENCE = 5;

export interface SignalHit {
  score: number;
  evidence: Evidence[];
  /** Token index of the first and last contributing match (for follow-up parsing, e.g. due dates). */
  firstToken: number;
  lastToken: number;
}

/** Per-signal combined score (index = compiled signal index), including those below threshold. */
export function combineMatches(text: string, matches: readonly CueMatch[]): Map<number, SignalHit> {
  const out = new Map<number, SignalHit>();
  if (matches.length === 0) return out;
  let vetoed: Set<number> | null = null;
  let excludes: CueMatch[] | null = null;
  for (const m of matches) {
    if (m.kind === "veto") (vetoed ??= new Set()).add(m.signal);
    else if (m.kind === "exclude") (excludes ??= []).push(m);
  }
  // Matches arrive ordered by first token; group overlapping cue matches per signal.
  const open = new Map<
    number,
    { weight: number; start: number; end: number; first: number; last: number }
  >();
  const flush = (signal: number) => {
    const g = open.get(signal);
    if (g === undefined) return;
    open.delete(signal);
    let hit = out.get(signal);
    if (hit === undefined) {
      hit = { score: 0, evidence: [], firstToken: g.first, lastToken: g.last };
      out.set(signal, hit);
    }
    hit.score = 1 - (1 - hit.score) * (1 - g.weight);
    hit.lastToken = g.last;
    if (hit.evidence.length < MAX_EVIDENCE) {
      hit.evidence.push({ start: g.start, end: g.end, text: text.slice(g.start, g.end) });
    }
  };
  for (const m of matches) {
    if (m.kind !== "cue") continue;
    if (vetoed?.has(m.signal)) continue;
    if (
      excludes !== null &&
      excludes.some((x) => x.signal === m.signal && x.start < m.end && m.start < x.end)
    ) {
      continue;
    }
    const g = open.get(m.signal);
    if (g !== undefined && m.start < g.end) {
      g.weight = Math.max(g.weight, m.weight);
      if (m.end > g.end) {
        g.end = m.end;
        g.last = m.last;
      }
      continue;
    }
    flush(m.signal);
    open.set(m.signal, {
      weight: m.weight,
      start: m.start,
      end: m.end,
      first: m.first,
      last: m.last,
    });
  }
  for (const signal of [...open.keys()]) flush(signal);
  for (const [signal, hit] of out) {
    if (hit.score <= 0) out.delete(signal);
    else hit.score = Math.min(1, hit.score);
  }
  return out;
}
