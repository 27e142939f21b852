import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";

/**
 * The one-time secret that lets whoever runs the server restore a backup from the browser into an
 * instance with no organization yet. It is written to a file readable only by the server's user
 * (never logged), the same proof of access to the machine the CLI's restore asks for.
 */
export function writeSetupToken(file: string): void {
  fs.writeFileSync(file, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600 });
}

/** True when `sent` is the token in `file`; false when there is no file or no token was sent. */
export function isSetupToken(file: string | undefined, sent: string | undefined): boolean {
  if (!file || !sent || !fs.existsSync(file)) return false;
  const expected = Buffer.from(fs.readFileSync(file, "utf8").trim());
  const given = Buffer.from(sent.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function removeSetupToken(file: string | undefined): void {
  if (file) fs.rmSync(file, { force: true });
}
