import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeKeysetCursor, encodeKeysetCursor } from "./cursor.ts";

const ID = "0b6c5e3a-9f1d-4c2b-8a7e-1d2c3b4a5f60";
const b64 = (s: string) => Buffer.from(s).toString("base64url");

describe("decodeKeysetCursor", () => {
  it("gives back what was encoded, microseconds included", () => {
    for (const at of ["2026-12-06T10:00:00.123456Z", "2026-12-06T10:00:00.123Z"])
      expect(decodeKeysetCursor(encodeKeysetCursor(at, ID))).toEqual({
        at,
        id: ID,
        tag: undefined,
      });
  });

  it("carries a tag where the list expects one, and refuses other tags", () => {
    const at = "2026-12-06T10:00:00.123456Z";
    const tags = ["open", "closed"] as const;
    expect(decodeKeysetCursor(encodeKeysetCursor(at, ID, "closed"), tags)).toEqual({
      at,
      id: ID,
      tag: "closed",
    });
    for (const cursor of [encodeKeysetCursor(at, ID, "pending"), encodeKeysetCursor(at, ID)])
      expect(() => decodeKeysetCursor(cursor, tags)).toThrow(
        expect.objectContaining({ code: "VALIDATION_FAILED" }),
      );
  });

  it("carries a tag with a value where a test says what the list accepts", () => {
    const at = "2026-12-06T10:00:00.123Z";
    const isScore = (t: string): t is `score:${string}` => /^score:\d+$/.test(t);
    expect(decodeKeysetCursor(encodeKeysetCursor(at, ID, "score:42"), isScore).tag).toBe(
      "score:42",
    );
    for (const cursor of [encodeKeysetCursor(at, ID, "score:x"), encodeKeysetCursor(at, ID)])
      expect(() => decodeKeysetCursor(cursor, isScore)).toThrow(
        expect.objectContaining({ code: "VALIDATION_FAILED" }),
      );
  });

  it.each([
    ["an id SQL cannot cast", b64(`2026-12-01T00:00:00.000Z|${"-".repeat(36)}`)],
    ["a date that does not exist", b64(`2026-02-30T00:00:00.000Z|${ID}`)],
    ["a year PostgreSQL refuses", b64(`0000-01-01T00:00:00.000Z|${ID}`)],
    ["a third part", b64(`2026-12-01T00:00:00.000Z|${ID}|x`)],
    ["no separator", b64("garbage")],
  ])("refuses %s with a 400", (_, cursor) => {
    expect(() => decodeKeysetCursor(cursor)).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
  });

  it("accepts only cursors it could have made, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (raw) => {
        let decoded: { at: string; id: string } | undefined;
        try {
          decoded = decodeKeysetCursor(raw);
        } catch (err) {
          return (err as { code?: string }).code === "VALIDATION_FAILED";
        }
        return encodeKeysetCursor(decoded.at, decoded.id) === raw.replace(/=+$/, "");
      }),
    );
  });
});
