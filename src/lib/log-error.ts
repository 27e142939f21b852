/**
 * What a failed request's log entry says about its error: enough to find the cause (the
 * PostgreSQL error code, message, table and constraint under a failed query), never the data the
 * request carried. A failed query's parameters are message text, names and emails; PostgreSQL's
 * `detail` repeats values ("Key (email)=(…) already exists"), so both are left out.
 */
export interface LoggedError {
  name: string;
  message: string;
  stack?: string | undefined;
  code?: string | undefined;
  severity?: string | undefined;
  table?: string | undefined;
  column?: string | undefined;
  constraint?: string | undefined;
  routine?: string | undefined;
  cause?: LoggedError | string | undefined;
}

const PG_FIELDS = ["code", "severity", "table", "column", "constraint", "routine"] as const;

/** Drizzle's "Failed query: <sql>\nparams: <values>": the SQL is ours, the values are the caller's. */
function withoutParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, "\nparams: [not logged]");
}

export function describeError(err: unknown, depth = 0): LoggedError | string {
  if (!(err instanceof Error)) return `non-error value thrown (${typeof err})`;
  const out: LoggedError = {
    name: err.name,
    message: withoutParams(err.message),
    stack: err.stack ? withoutParams(err.stack) : undefined,
  };
  const fields = err as unknown as Record<string, unknown>;
  for (const field of PG_FIELDS) {
    if (typeof fields[field] === "string") out[field] = fields[field];
  }
  if (err.cause !== undefined && depth < 4) out.cause = describeError(err.cause, depth + 1);
  return out;
}

/** One line for a stored error (a failed job's `last_error`): the messages down the cause chain. */
export function errorSummary(err: unknown): string {
  const parts: string[] = [];
  let e: LoggedError | string | undefined = describeError(err);
  while (e !== undefined && parts.length < 5) {
    if (typeof e === "string") {
      parts.push(e);
      break;
    }
    parts.push(e.code ? `${e.message} [${e.code}]` : e.message);
    e = e.cause;
  }
  return parts.join(" <- caused by: ");
}
