import { timingSafeEqual } from "node:crypto";
import { processSecretBox, type SecretBox } from "../../lib/secret-box.ts";

/**
 * The per-visitor token the widget sends with every call: who the visitor is, which chat, from
 * which website origin, until when; signed with an HMAC under the installation's secret key.
 * Nothing is stored server-side, so a token cannot be listed or stolen from the database; a
 * forged or altered one fails the MAC, an old one its expiry.
 */
export interface WidgetClaims {
  orgId: string;
  chatId: string;
  visitorId: string;
  origin: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

/** Twelve hours: a working day of chatting, short enough that a leaked token soon dies. */
export const WIDGET_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export function signWidgetToken(claims: WidgetClaims, box: SecretBox = processSecretBox()): string {
  const body = Buffer.from(
    JSON.stringify([claims.orgId, claims.chatId, claims.visitorId, claims.origin, claims.exp]),
  ).toString("base64url");
  return `${body}.${box.mac("widget-token", body)}`;
}

/** The claims when the signature holds (expired or not), else null. */
export function readWidgetToken(
  token: string,
  box: SecretBox = processSecretBox(),
): (WidgetClaims & { expired: (now: number) => boolean }) | null {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(box.mac("widget-token", body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 5) return null;
    const [orgId, chatId, visitorId, origin, exp] = parsed as unknown[];
    if (
      typeof orgId !== "string" ||
      typeof chatId !== "string" ||
      typeof visitorId !== "string" ||
      typeof origin !== "string" ||
      typeof exp !== "number"
    )
      return null;
    return { orgId, chatId, visitorId, origin, exp, expired: (now) => exp <= now };
  } catch {
    return null;
  }
}
