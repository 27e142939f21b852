import type { WSContext } from "hono/ws";
import {
  findConversationByMessageExternalId,
  getConversation,
} from "../domains/conversations/index.ts";
import type { AppDeps, Principal } from "../http/context.ts";
import { describeError } from "../lib/log-error.ts";
import { createInProcessHub, type LiveHub } from "./hub.ts";
import { LIVE_SOURCE, LiveCall, type ResumeResult } from "./live-call.ts";
import { createPostgresHub } from "./pg-hub.ts";
import {
  describeFrameIssue,
  LiveClientFrameSchema,
  type LiveClientFrame,
  type LiveErrorCode,
  type LiveServerFrame,
} from "./live.schemas.ts";

export interface LiveOptions {
  /** Store a call's utterances every this many (besides its first one, and at the end). */
  storeEvery: number;
  /** How long a call whose platform socket closed without `end` waits for a reconnect before it is stored as ended. */
  closeGraceMs: number;
}
export const DEFAULT_LIVE_OPTIONS: LiveOptions = { storeEvery: 5, closeGraceMs: 30_000 };

/** What a connection may do: platforms stream (API key with `ingest`), everyone authorised subscribes. */
export interface Connection {
  orgId: string;
  principal: Principal;
  canStream: boolean;
  send(frame: LiveServerFrame): void;
  subscriptions: Map<string, () => void>;
}

const keyOf = (orgId: string, callId: string) => `${orgId}\u0000${callId}`;

/**
 * The calls this process streams and the sockets it serves: which connection owns each call, the
 * grace timers of calls whose platform went away, and the hub that fans frames out to subscribers
 * (across processes on PostgreSQL). The WebSocket route (live.ts) hands it parsed connections and
 * raw frames; everything the calls need lives here.
 */
export class LiveCalls {
  private readonly calls = new Map<string, LiveCall>();
  private readonly owners = new Map<string, Connection>();
  private readonly closeTimers = new Map<string, NodeJS.Timeout>();
  private readonly sockets = new Set<WSContext>();
  private readonly hub: LiveHub;
  private readonly ingestDeps: { db: AppDeps["db"]; queue: AppDeps["queue"] };
  /** Set by `close()`: sockets closing because of the shutdown must not schedule call endings. */
  private shuttingDown = false;

  constructor(
    private readonly deps: AppDeps,
    private readonly opts: LiveOptions,
  ) {
    this.ingestDeps = { db: deps.db, queue: deps.queue };
    // On PostgreSQL several API processes may share the database: their calls meet in one hub.
    this.hub = deps.config.databaseUrl
      ? createPostgresHub({
          url: deps.config.databaseUrl,
          logger: deps.logger,
          localSeq: (orgId, callId) => this.calls.get(keyOf(orgId, callId))?.utterances ?? null,
        })
      : createInProcessHub((err) =>
          deps.logger.warn({ err: String(err) }, "live subscriber failed"),
        );
  }

  socketOpened(ws: WSContext): void {
    this.sockets.add(ws);
  }

  /** Drops the connection's subscriptions; the calls it streamed wait `closeGraceMs` for a reconnect. */
  socketClosed(ws: WSContext, conn: Connection | undefined): void {
    this.sockets.delete(ws);
    if (!conn) return;
    for (const off of conn.subscriptions.values()) off();
    conn.subscriptions.clear();
    if (this.shuttingDown) return;
    for (const [key, owner] of this.owners) {
      if (owner !== conn) continue;
      const call = this.calls.get(key);
      if (!call) continue;
      void this.storeQuietly(call, false);
      this.closeTimers.set(
        key,
        setTimeout(() => {
          this.endCall(call).catch(this.logCallFailure(call, "could not end live call"));
        }, this.opts.closeGraceMs).unref(),
      );
    }
  }

  /** Parses and handles one frame; a bad or failing frame is answered with an error frame. */
  async receive(conn: Connection, data: unknown): Promise<void> {
    try {
      if (typeof data !== "string")
        throw new LiveFrameError("VALIDATION_FAILED", "frames are JSON text");
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        throw new LiveFrameError("MALFORMED_JSON", "the frame is not JSON");
      }
      const parsed = LiveClientFrameSchema.safeParse(json);
      if (!parsed.success)
        throw new LiveFrameError("VALIDATION_FAILED", describeFrameIssue(parsed.error));
      await this.handleFrame(conn, parsed.data);
    } catch (err) {
      if (err instanceof LiveFrameError) {
        conn.send({
          type: "error",
          code: err.code,
          message: err.message,
          ...(err.callId ? { callId: err.callId } : {}),
        });
      } else {
        this.deps.logger.error(
          { error: describeError(err), orgId: conn.orgId },
          "live frame failed",
        );
        conn.send({
          type: "error",
          code: "INTERNAL",
          message: "Something went wrong; the frame was not handled",
        });
      }
    }
  }

  /** Stores every call in progress (left open, so a reconnecting platform can continue) and closes the sockets. */
  async close(): Promise<void> {
    this.shuttingDown = true;
    for (const timer of this.closeTimers.values()) clearTimeout(timer);
    this.closeTimers.clear();
    await Promise.all([...this.calls.values()].map((call) => this.storeQuietly(call, false)));
    for (const ws of this.sockets) ws.close(1001, "server shutting down");
    await this.hub.close();
  }

  private async handleFrame(conn: Connection, frame: LiveClientFrame): Promise<void> {
    if (frame.type === "subscribe") return this.subscribe(conn, frame);
    if (!conn.canStream)
      throw new LiveFrameError(
        "FORBIDDEN",
        "Streaming calls needs an API key with the 'ingest' scope",
        frame.callId,
      );
    const call = this.calls.get(keyOf(conn.orgId, frame.callId));
    switch (frame.type) {
      case "start": {
        const started = await this.startCall(conn, frame);
        this.adopt(conn, started);
        conn.send({ type: "started", callId: started.callId, seq: started.utterances });
        if (frame.lastSeq !== undefined)
          sendMissed(conn, started.callId, started, frame.lastSeq, started.utterances);
        return;
      }
      case "utterance": {
        if (!call)
          throw new LiveFrameError(
            "CALL_NOT_FOUND",
            "Send a start frame for this call first",
            frame.callId,
          );
        this.adopt(conn, call);
        const analysis = call.addUtterance(frame);
        conn.send(analysis);
        this.hub.publish(conn.orgId, frame.callId, analysis);
        // The first utterance is stored at once, so the call is listed (wallboard, conversations)
        // from the moment anyone speaks; after that at every `storeEvery`th utterance (5, 10, …),
        // or sooner when failed stores left that many pending.
        const first = call.conversationId === null && call.utterances === 1;
        const due = call.utterances % this.opts.storeEvery === 0 && call.unstored > 0;
        if (first || due || call.unstored >= this.opts.storeEvery)
          void this.storeQuietly(call, false);
        return;
      }
      case "end": {
        if (!call)
          throw new LiveFrameError("CALL_NOT_FOUND", "No live call with this id", frame.callId);
        const ended = await this.endCall(call);
        // Subscribers hear it through the hub; the platform hears it here unless it also subscribed.
        if (!conn.subscriptions.has(frame.callId)) conn.send(ended);
        return;
      }
    }
  }

  private async subscribe(
    conn: Connection,
    frame: Extract<LiveClientFrame, { type: "subscribe" }>,
  ): Promise<void> {
    const key = keyOf(conn.orgId, frame.callId);
    // Keyed by the subscriber's own org: another tenant's call id is simply not found, here or in
    // another process (which is asked with the subscriber's org).
    const seq =
      this.calls.get(key)?.utterances ?? (await this.hub.locate(conn.orgId, frame.callId));
    if (seq === null)
      throw new LiveFrameError(
        "CALL_NOT_FOUND",
        "No live call with this id in your organization",
        frame.callId,
      );
    if (!conn.subscriptions.has(frame.callId)) {
      conn.subscriptions.set(frame.callId, this.hub.subscribe(conn.orgId, frame.callId, conn.send));
    }
    conn.send({ type: "subscribed", callId: frame.callId, seq });
    // No await since the lookup: the missed frames go out before any newer one the hub delivers.
    if (frame.lastSeq !== undefined)
      sendMissed(conn, frame.callId, this.calls.get(key), frame.lastSeq, seq);
  }

  private async startCall(
    conn: Connection,
    frame: Extract<LiveClientFrame, { type: "start" }>,
  ): Promise<LiveCall> {
    const key = keyOf(conn.orgId, frame.callId);
    const existing = this.calls.get(key);
    if (existing) {
      existing.update(frame);
      return existing;
    }
    const call = await resumeOrCreateCall(this.deps, conn, frame);
    // Another frame may have started it while we looked.
    const raced = this.calls.get(key);
    if (raced) return raced;
    this.calls.set(key, call);
    return call;
  }

  private async endCall(call: LiveCall): Promise<LiveServerFrame> {
    const key = keyOf(call.orgId, call.callId);
    this.cancelCloseTimer(key);
    // Stored before it is forgotten: if storing fails, the call and its utterances stay in memory
    // and the platform can send `end` again.
    await call.store(this.ingestDeps, { closed: true });
    this.calls.delete(key);
    this.owners.delete(key);
    const frame: LiveServerFrame = {
      type: "ended",
      callId: call.callId,
      conversationId: call.conversationId,
      utterances: call.utterances,
    };
    this.hub.publish(call.orgId, call.callId, frame);
    return frame;
  }

  private adopt(conn: Connection, call: LiveCall): void {
    const key = keyOf(call.orgId, call.callId);
    this.owners.set(key, conn);
    this.cancelCloseTimer(key);
  }

  private cancelCloseTimer(key: string): void {
    clearTimeout(this.closeTimers.get(key));
    this.closeTimers.delete(key);
  }

  /** On failure the utterances stay pending. */
  private storeQuietly(call: LiveCall, closed: boolean): Promise<void> {
    return call
      .store(this.ingestDeps, { closed })
      .catch(this.logCallFailure(call, "could not store live call"));
  }

  // Never log utterance text: it may hold personal data.
  private logCallFailure(call: LiveCall, message: string): (err: unknown) => void {
    return (err) => {
      this.deps.logger.error(
        { error: describeError(err), orgId: call.orgId, callId: call.callId },
        message,
      );
    };
  }
}

/** A call stored before a restart continues its numbering, so its message ids stay unique. */
async function resumeOrCreateCall(
  deps: AppDeps,
  conn: Connection,
  frame: Extract<LiveClientFrame, { type: "start" }>,
): Promise<LiveCall> {
  const stored = await findConversationByMessageExternalId(
    deps.db,
    conn.orgId,
    `${frame.callId}:0`,
  );
  if (!stored || stored.source !== LIVE_SOURCE)
    return new LiveCall(conn.orgId, frame, { now: new Date() });
  const { messages } = await getConversation(deps.db, conn.principal, stored.id);
  const call = new LiveCall(conn.orgId, frame, {
    now: new Date(),
    resumedUtterances: messages.length,
  });
  call.conversationId = stored.id;
  call.replay(
    messages.flatMap((m) =>
      m.role === "customer" || m.role === "agent"
        ? [
            {
              role: m.role,
              text: m.text,
              ts: m.ts,
              ...(m.startOffset === null ? {} : { startOffset: m.startOffset }),
              ...(m.endOffset === null ? {} : { endOffset: m.endOffset }),
            },
          ]
        : [],
    ),
  );
  return call;
}

/**
 * Resume: sends the analysis frames after `lastSeq` that a reconnecting client missed, or an
 * error frame saying why it cannot have them (`call` is undefined when another process streams it).
 */
function sendMissed(
  conn: Connection,
  callId: string,
  call: LiveCall | undefined,
  lastSeq: number,
  heard: number,
): void {
  if (lastSeq === heard - 1) return;
  let result: ResumeResult;
  if (call) result = call.framesAfter(lastSeq);
  else if (lastSeq >= heard)
    result = { error: { code: "RESUME_AHEAD", message: `lastSeq ${lastSeq} was never sent` } };
  else
    result = {
      error: {
        code: "RESUME_UNAVAILABLE",
        message:
          "this call is streamed into another server process: new frames follow, earlier ones are in the stored conversation",
      },
    };
  if ("error" in result) conn.send({ type: "error", callId, ...result.error });
  else for (const missed of result.frames) conn.send(missed);
}

class LiveFrameError extends Error {
  constructor(
    readonly code: LiveErrorCode,
    message: string,
    readonly callId?: string,
  ) {
    super(message);
  }
}
