import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How far a delivery's timestamp may be from our clock, either way (Stripe and Slack use 5 minutes). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type SignatureScheme = "rapport" | "hub-sha256";

export interface SignatureHeaders {
  timestamp?: string | undefined;
  signature?: string | undefined;
  hubSignature?: string | undefined;
}

export type SignatureCheck = "ok" | "invalid" | "stale";

/** A new signing secret: 32 random bytes, shown to the admin once. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`: what a sender puts in X-Rapport-Signature. */
export function signDelivery(secret: string, timestamp: string, body: Uint8Array | string): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest("hex")}`;
}

/** `sha256=<hex>` over the raw body alone, as in X-Hub-Signature-256. */
export function signBody(secret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

function safeEqual(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  // Lengths are public (every valid signature is 71 characters); only the content is compared in constant time.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a delivery's signature, then its timestamp. The timestamp is judged only after the
 * signature holds, so "stale" is never said to someone without the secret.
 */
export function checkSignature(
  scheme: SignatureScheme,
  secret: string,
  headers: SignatureHeaders,
  body: Uint8Array,
  nowSeconds: number,
): SignatureCheck {
  const ts = headers.timestamp?.trim();
  if (scheme === "rapport") {
    if (!ts || !/^\d{1,12}$/.test(ts) || !headers.signature) return "invalid";
    if (!safeEqual(headers.signature.trim().toLowerCase(), signDelivery(secret, ts, body)))
      return "invalid";
  } else {
    if (!headers.hubSignature) return "invalid";
    if (!safeEqual(headers.hubSignature.trim().toLowerCase(), signBody(secret, body)))
      return "invalid";
    // The body-only scheme has no signed timestamp; a timestamp header, when sent, is still checked.
    if (!ts) return "ok";
    if (!/^\d{1,12}$/.test(ts)) return "invalid";
  }
  return Math.abs(nowSeconds - Number(ts)) <= WEBHOOK_TOLERANCE_SECONDS ? "ok" : "stale";
}
