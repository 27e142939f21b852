import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Encrypts secrets stored in the database (mailbox passwords, webhook signing secrets) with
 * AES-256-GCM, so a database dump alone does not reveal them. The key comes from
 * RAPPORT_SECRET_KEY (any string; hashed to 32 bytes) or, for the single-process embedded setup,
 * from `<data dir>/secret.key`, created on first use. Several processes sharing PostgreSQL must
 * share RAPPORT_SECRET_KEY.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: string | Buffer) {
    this.key = createHash("sha256").update(key).digest();
  }

  static fromEnv(env: { RAPPORT_SECRET_KEY?: string | undefined; dataDir: string }): SecretBox {
    if (env.RAPPORT_SECRET_KEY) return new SecretBox(env.RAPPORT_SECRET_KEY);
    const file = path.join(env.dataDir, "secret.key");
    fs.mkdirSync(env.dataDir, { recursive: true });
    if (!fs.existsSync(file)) {
      try {
        fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
      } catch (err) {
        // Another process created the key file between the existence check and the write: read it.
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
    }
    return new SecretBox(fs.readFileSync(file, "utf8").trim());
  }

  /**
   * A key for one purpose (e.g. signing survey links), derived from this box's key, so a MAC made
   * with it reveals nothing about the sealing key and purposes cannot be swapped.
   */
  derivedKey(purpose: string): Buffer {
    return createHmac("sha256", this.key).update(`rapport:${purpose}`).digest();
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(".");
  }

  /** HMAC-SHA256 of `data` under a key derived for `purpose`, base64url: for signed public tokens. */
  mac(purpose: string, data: string): string {
    const key = createHmac("sha256", this.key).update(purpose).digest();
    return createHmac("sha256", key).update(data).digest("base64url");
  }

  /** Throws when the value was sealed with another key or tampered with. */
  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(".");
    if (version !== "v1" || !iv || !tag || body === undefined)
      throw new Error("not a sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  }
}

let processBox: SecretBox | undefined;

/**
 * The process-wide box, built once from the environment (RAPPORT_SECRET_KEY, else
 * `<RAPPORT_DATA_DIR>/secret.key`), the same way for the API and for workers.
 */
export function processSecretBox(): SecretBox {
  processBox ??= SecretBox.fromEnv({
    RAPPORT_SECRET_KEY: process.env.RAPPORT_SECRET_KEY || undefined,
    dataDir: path.resolve(process.env.RAPPORT_DATA_DIR || "./data"),
  });
  return processBox;
}
