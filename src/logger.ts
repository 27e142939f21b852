import pino from "pino";

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Anything that could carry a secret is redacted at the source: credentials,
 * cookies, passwords and API keys never reach the output even when a whole object is logged.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: { service: "rapport" },
    redact: {
      paths: [
        "password",
        "*.password",
        "*.passwordHash",
        "*.newPassword",
        "*.currentPassword",
        "key",
        "*.key",
        "*.keyHash",
        "headers.authorization",
        "headers.cookie",
        "*.headers.authorization",
        "*.headers.cookie",
        "DATABASE_URL",
      ],
      censor: "[redacted]",
    },
  });
}
