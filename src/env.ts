import path from "node:path";
import { z } from "zod";

/** An empty value means unset, as shells and .env files commonly write it. */
const emptyAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema);

const EnvSchema = z
  .object({
    DATABASE_URL: emptyAsUnset(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
        .optional(),
    ),
    RAPPORT_DATA_DIR: z.string().min(1).default("./data"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    /** Run job workers inside `serve` (default) or only in separate `rapport worker` processes. */
    RAPPORT_WORKERS: z.enum(["in-process", "off"]).default("in-process"),
    /** Seed the demo organization on first start with an empty database. */
    RAPPORT_DEMO: z.enum(["on", "off"]).default("on"),
    /** Mark session cookies Secure (set when serving over HTTPS). */
    RAPPORT_COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
    /**
     * Set when a reverse proxy you run terminates HTTPS in front of Rapport: X-Forwarded-Proto and
     * X-Forwarded-For are then believed (cookies Secure over https, abuse limits per client address).
     * Left off, those headers are ignored, since any client could send them.
     */
    RAPPORT_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
    /** Key for secrets stored in the database; default a key file in the data dir (single process). */
    RAPPORT_SECRET_KEY: z.string().min(16, "must be at least 16 characters").optional(),
    /** Comma-separated emails of who may download a backup of the whole instance from the web app; default the admins of the first organization. */
    RAPPORT_OPERATOR_EMAILS: emptyAsUnset(z.string().max(10_000).optional()),
    RAPPORT_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
    /** Outbound email (surveys, follow-ups): smtp://user:pass@host:587 or smtps://…:465; `?from=` sets the sender. */
    /** Where respondent links in emails point, e.g. https://rapport.acme.com (default http://localhost:PORT). */
    RAPPORT_PUBLIC_URL: emptyAsUnset(
      z
        .string()
        .regex(/^https?:\/\/[^/]+\/?$/, "must be an http(s):// origin without a path")
        .optional(),
    ),
    RAPPORT_SMTP_URL: emptyAsUnset(
      z
        .string()
        .regex(/^smtps?:\/\/[^/]/, "must be an smtp:// or smtps:// URL")
        .optional(),
    ),
    /** Optional language model (docs/llm.md): an OpenAI-compatible base URL, e.g. http://localhost:11434/v1. */
    RAPPORT_LLM_URL: emptyAsUnset(
      z
        .string()
        .regex(/^https?:\/\/[^/]/, "must be an http(s):// URL")
        .optional(),
    ),
    RAPPORT_LLM_MODEL: emptyAsUnset(z.string().max(200).optional()),
    RAPPORT_LLM_API_KEY: emptyAsUnset(z.string().max(500).optional()),
  })
  .refine((e) => !e.RAPPORT_LLM_URL === !e.RAPPORT_LLM_MODEL, {
    message: "RAPPORT_LLM_URL and RAPPORT_LLM_MODEL are set together",
    path: ["RAPPORT_LLM_MODEL"],
  });

export type Env = z.infer<typeof EnvSchema> & { dataDir: string };

/** Parses the environment once; lists every problem and exits rather than running half-configured. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    process.stderr.write(`Invalid configuration:\n${problems.join("\n")}\n`);
    process.exit(2);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.RAPPORT_DATA_DIR) };
}
