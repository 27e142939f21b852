import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findUnsafeText,
  isSaneDate,
  isUnsafeText,
  jsonNestsDeeperThan,
  toSafeText,
} from "./input-hygiene.ts";

/** What PostgreSQL's UTF-8 encoding check does: a lone surrogate does not survive a round trip. */
function survivesUtf8(s: string): boolean {
  return Buffer.from(s, "utf8").toString("utf8") === s;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe("isUnsafeText", () => {
  it("flags exactly the strings that hold NUL or do not survive UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(isUnsafeText(s)).toBe(s.includes("\0") || !survivesUtf8(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts surrogate pairs (emoji) and flags halves of them", () => {
    expect(isUnsafeText("ok 😀")).toBe(false);
    expect(isUnsafeText("\ud800")).toBe(true);
    expect(isUnsafeText("x\udc00y")).toBe(true);
    expect(isUnsafeText("a\u0000b")).toBe(true);
  });
});

describe("toSafeText", () => {
  it("always yields safe text and leaves safe text alone", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const safe = toSafeText(s);
        expect(isUnsafeText(safe)).toBe(false);
        if (!isUnsafeText(s)) expect(safe).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("findUnsafeText", () => {
  it("names the path of the first bad value or key", () => {
    expect(findUnsafeText({ a: [{ b: "fine" }, { c: "bad\u0000" }] })).toEqual(["a", 1, "c"]);
    expect(findUnsafeText({ meta: { "k\ud800": 1 } })).toEqual(["meta", "k\ud800"]);
    expect(findUnsafeText({ a: 1, b: [true, null, "ok"] })).toBeNull();
  });

  it("finds a bad string wherever it sits in a JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (clean, other) => {
        const tidy = JSON.parse(toSafeText(JSON.stringify(clean))) as unknown;
        expect(findUnsafeText(tidy)).toBeNull();
        const path = findUnsafeText({ x: tidy, y: [other, "\u0000"] });
        expect(path?.[0]).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it("walks 100,000 levels without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)).toHaveLength(100_000);
  });
});

describe("jsonNestsDeeperThan", () => {
  it("agrees with the depth of the parsed value, brackets inside strings ignored", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), (v, max) => {
        const bytes = Buffer.from(JSON.stringify(v));
        expect(jsonNestsDeeperThan(bytes, max)).toBe(depthOf(v) > max);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses 5,000 levels and accepts 64", () => {
    expect(jsonNestsDeeperThan(Buffer.from("[".repeat(5000) + "]".repeat(5000)))).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from("[".repeat(64) + "]".repeat(64)))).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from(`{"a":"[[[[\\"[[["}`), 1)).toBe(false);
  });
});

describe("isSaneDate", () => {
  it("accepts 1900 to 9999 and refuses what PostgreSQL or ISO-8601 cannot hold", () => {
    expect(isSaneDate(new Date("1900-01-01T00:00:00Z"))).toBe(true);
    expect(isSaneDate(new Date("9999-12-31T23:59:59Z"))).toBe(true);
    expect(isSaneDate(new Date("0000-01-01"))).toBe(false);
    expect(isSaneDate(new Date(8.64e15))).toBe(false);
    expect(isSaneDate(new Date("nonsense"))).toBe(false);
  });
});
