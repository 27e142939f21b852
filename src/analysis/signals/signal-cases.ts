/** Test helpers shared by the signal test files: detection shorthands and the table-driven cases. */
import { describe, expect, it } from "vitest";
import { tokenize } from "../text/tokenize.ts";
import type { Role, Signal, SignalName } from "../types.ts";
import { detectSignals } from "./detect-signals.ts";

/** [signal, role, texts that must flag it, tricky texts that must not]. */
export type SignalCase = [SignalName, Role, string[], string[]];

export function detect(text: string, role: Role, ts?: string): Signal[] {
  return detectSignals(tokenize(text), text, role, { ts }).signals;
}

export function names(text: string, role: Role): SignalName[] {
  return detect(text, role).map((s) => s.name);
}

export function expectSpansValid(text: string, signals: Signal[]): void {
  for (const s of signals) {
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.evidence.length).toBeGreaterThan(0);
    for (const e of s.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  }
}

/** One test per text: each positive flags the signal with valid evidence, each negative does not. */
export function describeSignalCases(cases: readonly SignalCase[]): void {
  for (const [signal, role, positives, negatives] of cases) {
    describe(signal, () => {
      for (const text of positives) {
        it(`flags: ${text}`, () => {
          const found = detect(text, role);
          expect(found.map((s) => s.name)).toContain(signal);
          expectSpansValid(text, found);
        });
      }
      for (const text of negatives) {
        it(`does not flag: ${text}`, () => {
          expect(names(text, role)).not.toContain(signal);
        });
      }
    });
  }
}
