import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { CHANNELS, SENTIMENTS } from "../../lib/types";
import {
  countActiveFilters,
  patchFilterParams,
  readFilters,
  refusedCursor,
  type ConversationFilters,
  type FilterPatch,
} from "./conversation-filters";
import { SIGNAL_NAMES } from "./signals";

const KEYS = [
  "channel",
  "teamId",
  "agentId",
  "from",
  "to",
  "q",
  "sentiment",
  "signal",
  "minSatisfaction",
  "maxSatisfaction",
  "reasonId",
] as const;

// Values a URL may carry: valid ones, near misses and arbitrary text.
const anyValue = fc.oneof(
  fc.constantFrom(...CHANNELS, ...SENTIMENTS, ...SIGNAL_NAMES),
  fc.constantFrom("2026-03-01", "2026-3-1", "0", "1", "2.5", "5", "6", "NaN", " ", "fax"),
  fc.uuid(),
  fc.string({ maxLength: 12 }),
);
const anyParams = fc
  .array(fc.tuple(fc.constantFrom(...KEYS, "cursor", "other"), anyValue), { maxLength: 12 })
  .map((pairs) => new URLSearchParams(pairs));
const anyPatch: fc.Arbitrary<FilterPatch> = fc.record(
  Object.fromEntries(KEYS.map((k) => [k, fc.option(anyValue, { nil: null })])),
  { requiredKeys: [] },
) as fc.Arbitrary<FilterPatch>;

describe("readFilters", () => {
  it("reads only well-formed values and never throws", () => {
    fc.assert(
      fc.property(anyParams, (params) => {
        const f = readFilters(params);
        expect(f.channel === null || CHANNELS.includes(f.channel)).toBe(true);
        expect(f.sentiment === null || SENTIMENTS.includes(f.sentiment)).toBe(true);
        expect(f.signal === null || SIGNAL_NAMES.includes(f.signal)).toBe(true);
        for (const day of [f.from, f.to])
          expect(day ?? "2000-01-01").toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const bound of [f.minSatisfaction, f.maxSatisfaction]) {
          if (bound === null) continue;
          expect(Number(bound)).toBeGreaterThanOrEqual(1);
          expect(Number(bound)).toBeLessThanOrEqual(5);
        }
        expect(f.q === null || (f.q.length > 0 && f.q === f.q.trim())).toBe(true);
        expect(f.reasonId ?? "00000000-0000-0000-0000-000000000000").toMatch(/^[0-9a-f-]{36}$/);
      }),
    );
  });

  it("trims the search and drops unknown channels and out-of-range satisfaction", () => {
    const f = readFilters(
      new URLSearchParams("q=%20refund%20&channel=fax&minSatisfaction=0&maxSatisfaction=4.5"),
    );
    expect(f).toMatchObject({ q: "refund", channel: null, minSatisfaction: null });
    expect(f.maxSatisfaction).toBe("4.5");
  });
});

describe("patchFilterParams", () => {
  it("sets what the patch names, removes what it empties, keeps the rest and drops the cursor", () => {
    fc.assert(
      fc.property(anyParams, anyPatch, (params, patch) => {
        const before = params.toString();
        const next = patchFilterParams(params, patch);
        expect(params.toString()).toBe(before); // the input is not changed
        expect(next.has("cursor")).toBe(false);
        for (const key of KEYS) {
          if (!(key in patch)) expect(next.getAll(key)).toEqual(params.getAll(key));
          else if (patch[key]) expect(next.getAll(key)).toEqual([patch[key]]);
          else expect(next.has(key)).toBe(false);
        }
        expect(next.getAll("other")).toEqual(params.getAll("other"));
      }),
    );
  });

  it("round-trips valid filters through the URL", () => {
    const patch: FilterPatch = { channel: "email", q: "late delivery", from: "2026-11-01" };
    expect(readFilters(patchFilterParams(new URLSearchParams("cursor=abc"), patch))).toMatchObject({
      ...patch,
      cursor: null,
    });
  });
});

describe("countActiveFilters", () => {
  const none = readFilters(new URLSearchParams());

  it("counts each filter once, and the satisfaction range once whichever bound is set", () => {
    expect(countActiveFilters(none)).toBe(0);
    const ranged: ConversationFilters = { ...none, minSatisfaction: "2", maxSatisfaction: "4" };
    expect(countActiveFilters(ranged)).toBe(1);
    expect(countActiveFilters({ ...ranged, channel: "chat", q: "refund" })).toBe(3);
    expect(countActiveFilters({ ...none, maxSatisfaction: "3", cursor: "abc" })).toBe(1);
    expect(countActiveFilters({ ...none, reasonId: "5b3c5a7e-8f1d-4c2a-9e6b-1d2f3a4b5c6d" })).toBe(
      1,
    );
  });
});

describe("refusedCursor", () => {
  it("is true only for the list's 400 about its cursor", () => {
    const cursor = "query.cursor: not a cursor from this list";
    expect(refusedCursor(new ApiError(400, "VALIDATION_FAILED", cursor))).toBe(true);
    expect(refusedCursor(new ApiError(400, "VALIDATION_FAILED", "query.from: not a date"))).toBe(
      false,
    );
    expect(refusedCursor(new ApiError(500, "INTERNAL", cursor))).toBe(false);
    expect(refusedCursor(new Error(cursor))).toBe(false);
    expect(refusedCursor(null)).toBe(false);
  });
});
