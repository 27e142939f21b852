import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SecretBox } from "./secret-box.ts";

describe("SecretBox", () => {
  it("opens what it sealed, for any string", () => {
    const box = new SecretBox("k");
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => box.open(box.seal(s)) === s));
  });

  it("never seals the same secret to the same text, and hides it", () => {
    const box = new SecretBox("k");
    const a = box.seal("hunter2-password");
    expect(a).not.toBe(box.seal("hunter2-password"));
    expect(a).not.toContain("hunter2");
  });

  it("refuses another key and tampered text", () => {
    const sealed = new SecretBox("k1").seal("secret");
    expect(() => new SecretBox("k2").open(sealed)).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("other").toString("base64url");
    expect(() => new SecretBox("k1").open(parts.join("."))).toThrow();
  });
});
