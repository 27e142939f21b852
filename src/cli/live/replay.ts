import { readFile } from "node:fs/promises";
import path from "node:path";
import type { IncomingMessage } from "node:http";
import { parseTranscript, type TranscriptFormat } from "../../domains/voice/index.ts";
import type { LiveClientFrame, LiveServerFrame } from "../../ws/index.ts";
import { WebSocket, type WsClient } from "./ws-client.ts";

/**
 * `rapport live replay`: streams a call transcript into a running server over `/api/v1/live` as
 * if the call were happening, and prints each utterance's insight as it comes back. For demos,
 * load tests and integrators' first steps (docs/live.md).
 */

export interface ReplayOptions {
  file: string;
  url: string;
  apiKey: string | undefined;
  /** How many times faster than real time; Infinity sends every utterance at once (--fast). */
  speed: number;
  format?: TranscriptFormat | undefined;
  callId?: string | undefined;
  /** Print every server frame as one JSON line instead of the readable summary. */
  json?: boolean;
}

interface Output {
  write(text: string): unknown;
}

/** A failure the user can act on: printed as is, exit code 1. */
class ReplayError extends Error {}

const EXTENSIONS: Record<string, TranscriptFormat> = {
  ".vtt": "vtt",
  ".srt": "srt",
  ".json": "amazon-transcribe",
};
/** How long to wait for the server to answer `start` or `end` before giving up. */
const ANSWER_TIMEOUT_MS = 30_000;

type Utterance = Extract<LiveClientFrame, { type: "utterance" }>;

/** Replays the file; resolves with the exit code (0, or 1 with the reason on `stderr`). */
export async function replayTranscript(
  opts: ReplayOptions,
  out: { stdout: Output; stderr: Output },
): Promise<number> {
  try {
    if (!opts.apiKey)
      throw new ReplayError(
        "An API key with the 'ingest' scope is needed: pass --api-key or set RAPPORT_API_KEY " +
          "(create one with `rapport apikey create --org <slug> --scopes ingest`).",
      );
    const callId = opts.callId ?? `replay-${path.basename(opts.file)}-${Date.now().toString(36)}`;
    const utterances = await readUtterances(opts.file, opts.format, callId);
    const socket = await connect(opts.url, opts.apiKey);
    const session = new ReplaySession(socket, out, opts.json ?? false);
    try {
      await session.play(callId, utterances, opts.speed);
    } finally {
      socket.close();
    }
    return session.errors > 0 ? 1 : 0;
  } catch (err) {
    if (!(err instanceof ReplayError)) throw err;
    out.stderr.write(`rapport live replay: ${err.message}\n`);
    return 1;
  }
}

async function readUtterances(
  file: string,
  format: TranscriptFormat | undefined,
  callId: string,
): Promise<Utterance[]> {
  const chosen = format ?? EXTENSIONS[path.extname(file).toLowerCase()];
  if (!chosen)
    throw new ReplayError(
      `cannot tell the format of ${file} from its extension: pass --format vtt, srt or amazon-transcribe`,
    );
  let content: string;
  try {
    content = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new ReplayError(
      code === "ENOENT" ? `no such file: ${file}` : `cannot read ${file} (${code ?? String(err)})`,
    );
  }
  const parsed = parseTranscript(chosen, content, { externalId: callId });
  if ("error" in parsed)
    throw new ReplayError(`${file} is not a valid ${chosen} transcript: ${parsed.error}`);
  // A chat (a Contact Lens chat file) has no speech offsets to replay at.
  if (parsed.item.channel !== "phone") throw new ReplayError(`${file} is a chat, not a call`);
  const utterances = parsed.item.messages.flatMap((m): Utterance[] =>
    // The live protocol knows the two sides of a call; a bot's turns are left out.
    m.role === "customer" || m.role === "agent"
      ? [
          {
            type: "utterance",
            callId,
            speaker: m.role,
            text: m.text,
            startOffset: m.startOffset ?? 0,
            endOffset: m.endOffset ?? m.startOffset ?? 0,
          },
        ]
      : [],
  );
  if (utterances.length === 0) throw new ReplayError(`${file} has no customer or agent speech`);
  return utterances;
}

/** Opens the socket, turning refusals into messages that say what to fix. */
function connect(url: string, apiKey: string): Promise<WsClient> {
  let target: URL;
  try {
    target = new URL("/api/v1/live", url);
  } catch {
    return Promise.reject(
      new ReplayError(`--url ${url} is not a URL (e.g. http://localhost:3000)`),
    );
  }
  target.protocol = target.protocol === "https:" ? "wss:" : "ws:";
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(target.href, { headers: { authorization: `Bearer ${apiKey}` } });
    socket.on("open", () => resolve(socket));
    socket.on("unexpected-response", (_req, res) => {
      void describeRefusal(res).then((message) => reject(new ReplayError(message)));
    });
    socket.on("error", (err) => {
      const unreachable = ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET"];
      reject(
        new ReplayError(
          unreachable.includes(err.code ?? "")
            ? `no Rapport server answers at ${url} (${err.code}); is \`rapport serve\` running?`
            : `cannot connect to ${url}: ${err.message}`,
        ),
      );
    });
  });
}

async function describeRefusal(res: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of res) body += String(chunk);
  let reason = body.slice(0, 200);
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error) reason = `${parsed.error.code}: ${parsed.error.message}`;
  } catch {
    // Not our error shape (a proxy's page?): the start of the body says enough.
  }
  const status = res.statusCode ?? 0;
  if (status === 401) return `the server refused the API key (401 ${reason})`;
  if (status === 403)
    return `the API key may not stream calls (403 ${reason}); it needs the 'ingest' scope`;
  if (status === 404) return `no live-call endpoint at this URL (404): is it a Rapport server?`;
  return `the server refused the connection (${status} ${reason})`;
}

/** One replayed call over an open socket: sends on schedule, prints what comes back. */
class ReplaySession {
  errors = 0;
  private readonly speakers = new Map<number, Utterance>();
  private waiters: {
    match: (f: LiveServerFrame) => boolean;
    resolve: (f: LiveServerFrame) => void;
  }[] = [];
  private closed: Error | null = null;

  constructor(
    private readonly socket: WsClient,
    private readonly out: { stdout: Output; stderr: Output },
    private readonly json: boolean,
  ) {
    socket.on("message", (data) =>
      this.receive(JSON.parse(data.toString("utf8")) as LiveServerFrame),
    );
    socket.on("close", (code) => {
      this.closed = new ReplayError(`the server closed the connection (${code})`);
      for (const w of this.waiters)
        w.resolve({ type: "error", code: "INTERNAL", message: "closed" });
    });
  }

  async play(callId: string, utterances: Utterance[], speed: number): Promise<void> {
    this.send({ type: "start", callId });
    const started = await this.await((f) => f.type === "started" || f.type === "error", "start");
    if (started.type !== "started")
      throw new ReplayError(`the call was refused: ${describe(started)}`);
    if (!this.json)
      this.out.stdout.write(`call ${callId} started; replaying ${utterances.length} utterances\n`);
    const t0 = performance.now();
    for (const [i, u] of utterances.entries()) {
      // An utterance is sent when it has been spoken, as a speech-to-text stream would.
      const due = (u.endOffset * 1000) / speed - (performance.now() - t0);
      if (Number.isFinite(due) && due > 0) await new Promise((r) => setTimeout(r, due));
      if (this.closed) throw this.closed;
      this.speakers.set(started.seq + i, u);
      this.send(u);
    }
    this.send({ type: "end", callId });
    const ended = await this.await((f) => f.type === "ended" && f.callId === callId, "end");
    if (ended.type === "ended" && !this.json)
      this.out.stdout.write(
        `call ended: ${ended.utterances} utterances stored as conversation ${ended.conversationId}\n`,
      );
  }

  private send(frame: LiveClientFrame): void {
    this.socket.send(JSON.stringify(frame));
  }

  private receive(frame: LiveServerFrame): void {
    if (this.json) this.out.stdout.write(`${JSON.stringify(frame)}\n`);
    else if (frame.type === "analysis") this.out.stdout.write(`${this.describeAnalysis(frame)}\n`);
    if (frame.type === "error") {
      this.errors++;
      this.out.stderr.write(`server error: ${describe(frame)}\n`);
    }
    this.waiters = this.waiters.filter((w) => (w.match(frame) ? (w.resolve(frame), false) : true));
  }

  private await(match: (f: LiveServerFrame) => boolean, what: string): Promise<LiveServerFrame> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      const guard = setTimeout(
        () =>
          reject(
            new ReplayError(
              `the server did not answer ${what} within ${ANSWER_TIMEOUT_MS / 1000} s`,
            ),
          ),
        ANSWER_TIMEOUT_MS,
      );
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(guard);
          if (this.closed) reject(this.closed);
          else resolve(f);
        },
      });
    });
  }

  /** `  12.0s customer  negative -0.42  escalation_request, repeat_contact  (predicted 2.4/5)` */
  private describeAnalysis(frame: Extract<LiveServerFrame, { type: "analysis" }>): string {
    const u = this.speakers.get(frame.seq);
    const at = `${(u?.endOffset ?? 0).toFixed(1)}s`.padStart(7);
    const who = (u?.speaker ?? "?").padEnd(8);
    const s = frame.message.sentiment;
    const signals = frame.message.signals.map((x) => x.name).join(", ") || "-";
    const predicted = frame.conversation.satisfaction.predicted.toFixed(1);
    return `${at} ${who} ${s.label.padEnd(8)} ${s.score.toFixed(2).padStart(5)}  ${signals}  (predicted ${predicted}/5)`;
  }
}

function describe(frame: LiveServerFrame): string {
  return frame.type === "error" ? `${frame.code}: ${frame.message}` : frame.type;
}
