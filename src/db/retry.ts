/**
 * PostgreSQL aborts one of two transactions that wait on each other (a deadlock, 40P01) or whose
 * serializable snapshots conflict (40001) so that the other can go on; running the aborted one
 * again is safe and is what it expects of a client. Ingest takes the same new agents, customers and
 * conversations in concurrent batches, where a deadlock would otherwise answer 500.
 */
const CONFLICT_CODES = new Set(["40P01", "40001"]);

/** The SQLSTATE of a PostgreSQL error, or of one it wraps (Drizzle puts the driver's in `cause`). */
export function sqlStateOf(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && typeof e === "object" && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Whether `err` is such an abort. */
export function isTransactionConflict(err: unknown): boolean {
  return CONFLICT_CODES.has(sqlStateOf(err) ?? "");
}

/** Whether `err` is a unique-constraint violation (23505): a row someone else inserted first. */
export function isUniqueViolation(err: unknown): boolean {
  return sqlStateOf(err) === "23505";
}

/**
 * Whether `err` is a foreign-key violation (23503): a row written next to one deleted at the same
 * moment (a member moved into a team being deleted), or a delete of a row something still uses.
 */
export function isForeignKeyViolation(err: unknown): boolean {
  return sqlStateOf(err) === "23503";
}

/**
 * Runs `transaction` (all of one transaction, nothing outside it that must not repeat) again when
 * PostgreSQL aborted it for a conflict: up to `attempts` runs in all, after a short random pause
 * that grows with each (so the two do not collide again in step). Other errors go straight out.
 */
export async function retryOnConflict<T>(transaction: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (err) {
      if (attempt >= attempts || !isTransactionConflict(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
    }
  }
}
