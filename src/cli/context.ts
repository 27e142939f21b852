import { CommanderError } from "commander";
import { databaseConfigFromEnv, type Database } from "../db/client.ts";
import { loadEnv } from "../env.ts";
import { AppError } from "../lib/errors.ts";
import { createLogger, type Logger } from "../logger.ts";
import { openMigratedDatabase } from "../server.ts";
import { controlSocketPath, EXIT_INTERRUPTED, FORWARDED_ENV, forwardCommand } from "./control.ts";

/** Where a command writes: a terminal, a pipe, or a running server's control channel. */
export type CommandOutput = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * What a command may use of the world it runs in. `rapport <command>` runs either in its own process
 * (`localHost`) or, when `rapport serve` owns the embedded database, inside that server on behalf of
 * the CLI (src/cli/control.ts): commands write through this, never to `process.stdout` directly, so
 * their output is the same either way.
 */
export interface CommandHost {
  readonly stdout: CommandOutput;
  readonly stderr: CommandOutput;
  /** The caller's environment, for variables a command reads itself (RAPPORT_PASSWORD). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A path argument as this process must open it (the CLI's working directory may differ). */
  resolvePath(file: string): string;
  /** Calls `listener` on the first interrupt (Ctrl-C); a second one ends the command at once. */
  onInterrupt(listener: () => void): () => void;
  setExitCode(code: number): void;
  /** Runs `fn` with a migrated database; a number it returns is the exit code. */
  withDatabase(fn: (database: Database, logger: Logger) => Promise<number | void>): Promise<void>;
}

/**
 * The host of a command run in this process. On the embedded database, when a `rapport serve` owns
 * it and listens on its control socket, `withDatabase` sends the whole command line to that server
 * and relays what it prints and its exit code; otherwise it opens the database itself (PostgreSQL is
 * always opened directly: any number of processes may share it).
 */
export function localHost(argv: readonly string[] = process.argv.slice(2)): CommandHost {
  // While a server runs the command, Ctrl-C is the server's to handle (forwardCommand sends it).
  let forwarding = false;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    resolvePath: (file) => file,
    onInterrupt(listener) {
      let interrupted = false;
      const onSigint = () => {
        if (forwarding) return;
        if (interrupted) process.exit(EXIT_INTERRUPTED);
        interrupted = true;
        listener();
      };
      process.on("SIGINT", onSigint);
      return () => process.off("SIGINT", onSigint);
    },
    setExitCode(code) {
      process.exitCode = code;
    },
    async withDatabase(fn) {
      const env = loadEnv();
      if (databaseConfigFromEnv(env).kind === "pglite") {
        forwarding = true;
        const code = await forwardCommand(controlSocketPath(env.dataDir), {
          argv: [...argv],
          cwd: process.cwd(),
          env: pickForwardedEnv(process.env),
          stdoutIsTTY: process.stdout.isTTY === true,
          stderrIsTTY: process.stderr.isTTY === true,
          columns: process.stderr.columns,
        });
        forwarding = false;
        if (code !== null) {
          process.exitCode = code;
          return;
        }
      }
      // CLI output is for people: logs go to stderr and only warnings by default.
      const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
      const database = await openMigratedDatabase(env, logger);
      try {
        const code = await fn(database, logger);
        if (typeof code === "number") process.exitCode = code;
      } finally {
        await database.close();
      }
    },
  };
}

function pickForwardedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_ENV) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Prints a failure the way a person wants to read it, and sets a non-zero exit code. */
export function reportError(err: unknown, host: CommandHost = localHost()): void {
  // Commander has printed its own message (unknown option, --help) before throwing.
  if (err instanceof CommanderError) {
    host.setExitCode(err.exitCode);
    return;
  }
  const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
  host.stderr.write(`rapport: ${message}\n`);
  host.setExitCode(1);
}
