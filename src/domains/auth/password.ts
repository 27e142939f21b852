// @node-rs/argon2 exports Algorithm as a const enum, which isolatedModules cannot read: 2 is Argon2id.
const ARGON2ID = 2;

// OWASP 2024 minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * argon2's native binding is loaded on the first password hashed or checked, not at import: loading
 * it was ~50 ms of every server start and CLI command, most of which never see a password.
 */
let argon2: Promise<typeof import("@node-rs/argon2")> | undefined;

function loadArgon2(): Promise<typeof import("@node-rs/argon2")> {
  return (argon2 ??= import("@node-rs/argon2"));
}

/** Hashes a password with argon2id; the result embeds its own salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await loadArgon2();
  return hash(password, OPTIONS);
}

/** Checks a password against a stored hash; false (never a throw) for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const { verify } = await loadArgon2();
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
