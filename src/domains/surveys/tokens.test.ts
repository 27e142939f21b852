import { randomBytes, randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSurveyToken, verifySurveyToken } from "./tokens.ts";

const key = randomBytes(32);
const claims = () => ({
  orgId: randomUUID(),
  invitationId: randomUUID(),
  expiresAt: new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000),
});

describe("survey tokens", () => {
  it("round-trips the organization, invitation and expiry", () => {
    const c = claims();
    const token = createSurveyToken(key, c);
    expect(token.length).toBeLessThan(80);
    expect(verifySurveyToken(key, token)).toEqual({ ok: true, claims: c });
  });

  it("refuses a token signed with another key, a changed payload and an expired one", () => {
    const c = claims();
    const token = createSurveyToken(key, c);
    expect(verifySurveyToken(randomBytes(32), token)).toEqual({ ok: false, problem: "forged" });
    const [payload, mac] = token.split(".") as [string, string];
    const other = createSurveyToken(key, { ...c, invitationId: randomUUID() }).split(".")[0]!;
    expect(verifySurveyToken(key, `${other}.${mac}`)).toMatchObject({ problem: "forged" });
    expect(
      verifySurveyToken(key, `${payload}.${mac}`, new Date(Date.now() + 2 * 86_400_000)),
    ).toEqual({ ok: false, problem: "expired" });
  });

  it("never throws on arbitrary input, and accepts nothing it did not sign", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        expect(verifySurveyToken(key, s).ok).toBe(false);
      }),
    );
  });
});
