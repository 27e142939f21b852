import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SecretBox } from "../../lib/secret-box.ts";
import { readWidgetToken, signWidgetToken } from "./widget-token.ts";

const box = new SecretBox("widget-token-test");
const claims = {
  orgId: "o1",
  chatId: "c1",
  visitorId: "v1",
  origin: "https://shop.example.test",
  exp: 2_000,
};

describe("widget tokens", () => {
  it("reads back what was signed, and knows when it expired", () => {
    const read = readWidgetToken(signWidgetToken(claims, box), box)!;
    expect(read).toMatchObject(claims);
    expect(read.expired(1_999)).toBe(false);
    expect(read.expired(2_000)).toBe(true);
  });

  it("refuses a token signed under another key", () => {
    expect(readWidgetToken(signWidgetToken(claims, new SecretBox("other")), box)).toBeNull();
  });

  it("refuses any change to a signed token", () => {
    const token = signWidgetToken(claims, box);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (i, ch) => {
        fc.pre(token[i] !== ch);
        const altered = token.slice(0, i) + ch + token.slice(i + 1);
        expect(readWidgetToken(altered, box)).toBeNull();
      }),
    );
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(readWidgetToken(s, box)).toBeNull();
      }),
    );
  });
});
