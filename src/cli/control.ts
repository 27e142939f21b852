/**
 * The control channel: how `rapport <command>` works while `rapport serve` owns the embedded database.
 *
 * PGlite is one process's database (src/db/pglite-lock.ts), so a second process cannot open it. The
 * server therefore listens on a Unix domain socket in the data directory, and a CLI command that needs
 * the database sends its command line there; the server runs the very same command code against its
 * own open database and streams back what the command prints and its exit code.
 *
 * Who may connect: the socket sits in `<data dir>/run/`, a directory only its owner may enter (0700),
 * and is itself 0600, so only the user the server runs as (and root) can send commands — the same
 * people who could open the data directory directly when the server is stopped. PostgreSQL never
 * uses this: every process opens it directly.
 *
 * Protocol: newline-delimited JSON. The CLI sends one `CommandRequest`, then `{"interrupt":true}` on
 * Ctrl-C; the server sends `{"stdout":…}` and `{"stderr":…}` frames and ends with `{"exit":n}`.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { Writable } from "node:stream";
import { z } from "zod";
import type { Database } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import type { CommandHost } from "./context.ts";

/** Exit code of a command stopped by a second Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;
/** Environment variables a command reads itself, sent along when the server runs it. */
export const FORWARDED_ENV = ["RAPPORT_PASSWORD"] as const;

/** Linux refuses socket paths longer than this (sun_path is 108 bytes with its terminating NUL). */
const MAX_SOCKET_PATH = 107;
/** A request line longer than this is not a command line. */
const MAX_REQUEST_BYTES = 1_048_576;

/** Where `rapport serve` listens for commands for the data directory `dataDir`. */
export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, "run", "cli.sock");
}

export const CommandRequestSchema = z.object({
  argv: z.array(z.string().max(65_536)).min(1).max(1_000),
  cwd: z.string().refine((p) => path.isAbsolute(p), "must be an absolute path"),
  env: z.partialRecord(z.enum(FORWARDED_ENV), z.string()),
  stdoutIsTTY: z.boolean(),
  stderrIsTTY: z.boolean(),
  columns: z.number().int().positive().max(10_000).optional(),
});
export type CommandRequest = z.infer<typeof CommandRequestSchema>;

const ServerFrameSchema = z.union([
  z.object({ stdout: z.string() }),
  z.object({ stderr: z.string() }),
  z.object({ exit: z.number().int() }),
]);

function connect(socketPath: string): Promise<net.Socket | null> {
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    socket.once("connect", () => {
      socket.off("error", onError);
      resolve(socket);
    });
    const onError = (err: NodeJS.ErrnoException) => {
      // No server (never started, or stopped and left its socket file): open the database here.
      if (err.code === "ENOENT" || err.code === "ECONNREFUSED") resolve(null);
      else reject(new Error(`cannot reach the running server at ${socketPath}: ${err.message}`));
    };
    socket.once("error", onError);
  });
}

/**
 * Sends a command to the server that owns the embedded database, printing what it prints. Resolves
 * to the command's exit code, or to null when no server is listening (the caller then opens the
 * database itself).
 */
export async function forwardCommand(
  socketPath: string,
  request: CommandRequest,
): Promise<number | null> {
  const socket = await connect(socketPath);
  if (!socket) return null;
  return new Promise<number>((resolve) => {
    let exitCode: number | null = null;
    let interrupted = false;
    const onSigint = () => {
      if (interrupted) process.exit(EXIT_INTERRUPTED);
      interrupted = true;
      socket.write(`${JSON.stringify({ interrupt: true })}\n`);
    };
    process.on("SIGINT", onSigint);
    socket.on("error", () => undefined); // reported as a close without an exit frame
    const lines = readline.createInterface({ input: socket, crlfDelay: Infinity });
    lines.on("line", (line) => {
      const frame = ServerFrameSchema.safeParse(JSON.parse(line));
      if (!frame.success) return;
      const f = frame.data;
      if ("stdout" in f) process.stdout.write(f.stdout);
      else if ("stderr" in f) process.stderr.write(f.stderr);
      else exitCode = f.exit;
    });
    socket.once("close", () => {
      process.off("SIGINT", onSigint);
      if (exitCode === null) {
        process.stderr.write("rapport: the server stopped before the command finished\n");
        resolve(1);
      } else resolve(exitCode);
    });
    socket.write(`${JSON.stringify(request)}\n`);
  });
}

/** A stream whose writes become `{ [key]: text }` frames on `socket`. */
function frameStream(
  socket: net.Socket,
  key: "stdout" | "stderr",
  isTTY: boolean,
  columns: number | undefined,
): Writable & { isTTY: boolean; columns?: number } {
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      if (socket.writable) socket.write(`${JSON.stringify({ [key]: chunk.toString() })}\n`);
      callback();
    },
  });
  return Object.assign(stream, { isTTY, ...(columns === undefined ? {} : { columns }) });
}

/** Runs a command line on behalf of a CLI, writing through `host`. */
export type CommandRunner = (argv: string[], host: CommandHost) => Promise<void>;

export interface ControlChannel {
  close(): Promise<void>;
}

/**
 * Listens on `socketPath` for commands and runs each with `run` against `database`. Returns null
 * (after a warning) when the path is too long for a Unix socket: the CLI then reports the database
 * as in use, as it did before this channel existed.
 */
export async function listenForCommands(
  socketPath: string,
  database: Database,
  logger: Logger,
  run: CommandRunner,
): Promise<ControlChannel | null> {
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    logger.warn(
      { socketPath },
      "data directory path too long for the CLI control socket: stop the server to run CLI commands",
    );
    return null;
  }
  const dir = path.dirname(socketPath);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  // This process holds the data directory's lock, so a socket file here was left by a dead server.
  fs.rmSync(socketPath, { force: true });

  const connections = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
    socket.on("error", () => undefined); // the CLI went away; its command stops at the next interrupt check
    serveConnection(socket, database, logger, run).catch((err: unknown) => {
      logger.error({ err: String(err) }, "CLI command failed");
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);
  logger.debug({ socketPath }, "listening for CLI commands");
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of connections) socket.destroy();
      }),
  };
}

async function serveConnection(
  socket: net.Socket,
  database: Database,
  logger: Logger,
  run: CommandRunner,
): Promise<void> {
  const lines = readline.createInterface({ input: socket, crlfDelay: Infinity });
  const interruptListeners = new Set<() => void>();
  let interrupted = false;
  const interrupt = () => {
    if (interrupted) return;
    interrupted = true;
    for (const listener of interruptListeners) listener();
  };
  const request = await new Promise<CommandRequest | string>((resolve) => {
    let first = true;
    lines.on("line", (line) => {
      if (first) {
        first = false;
        if (line.length > MAX_REQUEST_BYTES) return resolve("request too large");
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch {
          return resolve("request is not JSON");
        }
        const parsed = CommandRequestSchema.safeParse(raw);
        return resolve(parsed.success ? parsed.data : "request is not a command line");
      }
      // Later lines can only ask to stop; anything else is ignored.
      if (line.includes('"interrupt"')) interrupt();
    });
    lines.once("close", () => {
      if (first) resolve("no request");
      interrupt(); // the CLI is gone: stop what can stop
    });
  });
  if (typeof request === "string") {
    socket.end(
      `${JSON.stringify({ stderr: `rapport: ${request}\n` })}\n${JSON.stringify({ exit: 2 })}\n`,
    );
    return;
  }

  let exitCode = 0;
  const host: CommandHost = {
    stdout: frameStream(socket, "stdout", request.stdoutIsTTY, request.columns),
    stderr: frameStream(socket, "stderr", request.stderrIsTTY, request.columns),
    env: request.env,
    resolvePath: (file) => path.resolve(request.cwd, file),
    onInterrupt(listener) {
      interruptListeners.add(listener);
      return () => interruptListeners.delete(listener);
    },
    setExitCode(code) {
      exitCode = code;
    },
    async withDatabase(fn) {
      const code = await fn(database, logger);
      if (typeof code === "number") exitCode = code;
    },
  };
  // The command's name only: its arguments may hold a password.
  const name = request.argv.slice(0, 2).filter((word) => /^[a-z]+$/.test(word));
  logger.info({ command: name.join(" ") }, "running a command for the CLI");
  await run(request.argv, host);
  if (socket.writable) socket.end(`${JSON.stringify({ exit: exitCode })}\n`);
}
