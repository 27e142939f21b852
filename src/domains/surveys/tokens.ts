import { createHmac, hash, timingSafeEqual } from "node:crypto";
import { UUID_PATTERN } from "../../lib/input-hygiene.ts";

/**
 * Respondent links: `<payload>.<mac>`, both base64url. The payload packs the organization id, the
 * invitation id (16 bytes each) and the expiry (uint32 seconds); the MAC is the first 16 bytes of
 * HMAC-SHA256 over it with a key derived from the process secret. No login is needed, the link
 * cannot be forged or re-dated, and it stays about 70 characters long.
 */
export interface SurveyTokenClaims {
  orgId: string;
  invitationId: string;
  expiresAt: Date;
}

export type TokenCheck =
  | { ok: true; claims: SurveyTokenClaims }
  | { ok: false; problem: "malformed" | "forged" | "expired" };

function uuidBytes(id: string): Buffer {
  if (!UUID_PATTERN.test(id)) throw new Error(`not a UUID: ${id}`);
  return Buffer.from(id.replaceAll("-", ""), "hex");
}

function bytesUuid(b: Buffer): string {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function macOf(key: Buffer, payload: Buffer): Buffer {
  return createHmac("sha256", key).update(payload).digest().subarray(0, 16);
}

export function createSurveyToken(key: Buffer, claims: SurveyTokenClaims): string {
  const exp = Buffer.alloc(4);
  exp.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000));
  const payload = Buffer.concat([uuidBytes(claims.orgId), uuidBytes(claims.invitationId), exp]);
  return `${payload.toString("base64url")}.${macOf(key, payload).toString("base64url")}`;
}

/** Checks shape, signature (constant time) and expiry, in that order. */
export function verifySurveyToken(key: Buffer, token: string, now = new Date()): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 2 || !/^[\w-]{48}$/.test(parts[0]!) || !/^[\w-]{22}$/.test(parts[1]!))
    return { ok: false, problem: "malformed" };
  const payload = Buffer.from(parts[0]!, "base64url");
  const mac = Buffer.from(parts[1]!, "base64url");
  if (payload.length !== 36 || mac.length !== 16) return { ok: false, problem: "malformed" };
  if (!timingSafeEqual(mac, macOf(key, payload))) return { ok: false, problem: "forged" };
  const expiresAt = new Date(payload.readUInt32BE(32) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, problem: "expired" };
  return {
    ok: true,
    claims: {
      orgId: bytesUuid(payload.subarray(0, 16)),
      invitationId: bytesUuid(payload.subarray(16, 32)),
      expiresAt,
    },
  };
}

/** What the database keeps of a token: its SHA-256, hex. */
export function hashSurveyToken(token: string): string {
  return hash("sha256", token);
}
