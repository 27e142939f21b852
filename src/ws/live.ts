import type { ServerType } from "@hono/node-server";
import { createNodeWebSocket } from "@hono/node-ws";
import { describeError } from "../lib/log-error.ts";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { WSContext } from "hono/ws";
import {
  findConversationByMessageExternalId,
  getConversation,
} from "../domains/conversations/index.ts";
import type { AppDeps, AppEnv, Principal } from "../http/context.ts";
import { authorizeLive, canStreamCalls } from "./live.auth.ts";
import { createInProcessHub, type LiveHub } from "./hub.ts";
import { createPostgresHub } from "./pg-hub.ts";
import { LIVE_SOURCE, LiveCall, type ResumeResult } from "./live-call.ts";
import {
  describeFrameIssue,
  LIVE_MAX_FRAME_BYTES,
  LiveClientFrameSchema,
  type LiveClientFrame,
  type LiveErrorCode,
  type LiveServerFrame,
} from "./live.schemas.ts";

export const LIVE_PATH = "/api/v1/live";

export interface LiveOptions {
  /** Store a call's utterances every this many (besides its first one, and at the end). */
  storeEvery: number;
  /** How long a call whose platform socket closed without `end` waits for a reconnect before it is stored as ended. */
  closeGraceMs: number;
}
export const DEFAULT_LIVE_OPTIONS: LiveOptions = { storeEvery: 5, closeGraceMs: 30_000 };

/** What a connection may do: platforms stream (API key with `ingest`), everyone authorised subscribes. */
interface Connection {
  orgId: string;
  principal: Principal;
  canStream: boolean;
  send(frame: LiveServerFrame): void;
  subscriptions: Map<string, () => void>;
}

export interface LiveServer {
  /** Starts accepting WebSocket upgrades on the HTTP server (call right after `serve`). */
  inject(server: ServerType): void;
  /** Stores every call in progress (left open, so a reconnecting platform can continue) and closes the sockets. */
  close(): Promise<void>;
}

const liveServers = new WeakMap<object, LiveServer>();

/** The live-call server mounted on `app` by {@link mountLiveCalls}. */
export function liveServerOf(app: object): LiveServer | undefined {
  return liveServers.get(app);
}

/**
 * Mounts `GET /api/v1/live` (WebSocket) on the app. The app stays usable without a server
 * (`app.request()` in tests); `liveServerOf(app).inject(server)` starts accepting upgrades.
 */
export function mountLiveCalls(
  app: OpenAPIHono<AppEnv>,
  deps: AppDeps,
  options: Partial<LiveOptions> = {},
): void {
  const opts = { ...DEFAULT_LIVE_OPTIONS, ...options };
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // ws accepts 100 MiB frames by default; nothing legitimate here comes close to this.
  (wss.options as { maxPayload?: number }).maxPayload = LIVE_MAX_FRAME_BYTES;
  const calls = new Map<string, LiveCall>();
  // On PostgreSQL several API processes may share the database: their calls meet in one hub.
  const hub: LiveHub = deps.config.databaseUrl
    ? createPostgresHub({
        url: deps.config.databaseUrl,
        logger: deps.logger,
        localSeq: (orgId, callId) => calls.get(keyOf(orgId, callId))?.utterances ?? null,
      })
    : createInProcessHub((err) => deps.logger.warn({ err: String(err) }, "live subscriber failed"));
  const owners = new Map<string, Connection>();
  const closeTimers = new Map<string, NodeJS.Timeout>();
  const sockets = new Set<WSContext>();
  const keyOf = (orgId: string, callId: string) => `${orgId}\u0000${callId}`;
  const ingestDeps = { db: deps.db, queue: deps.queue };
  /** Set by `close()`: sockets closing because of the shutdown must not schedule call endings. */
  let shuttingDown = false;

  // Never log utterance text: it may hold personal data.
  const logCallFailure = (call: LiveCall, message: string) => (err: unknown) => {
    deps.logger.error(
      {
        error: describeError(err),
        orgId: call.orgId,
        callId: call.callId,
      },
      message,
    );
  };

  // On failure the utterances stay pending.
  const storeQuietly = (call: LiveCall, closed: boolean) =>
    call.store(ingestDeps, { closed }).catch(logCallFailure(call, "could not store live call"));

  function cancelCloseTimer(key: string): void {
    clearTimeout(closeTimers.get(key));
    closeTimers.delete(key);
  }

  async function endCall(call: LiveCall): Promise<LiveServerFrame> {
    const key = keyOf(call.orgId, call.callId);
    cancelCloseTimer(key);
    // Stored before it is forgotten: if storing fails, the call and its utterances stay in memory
    // and the platform can send `end` again.
    await call.store(ingestDeps, { closed: true });
    calls.delete(key);
    owners.delete(key);
    const frame: LiveServerFrame = {
      type: "ended",
      callId: call.callId,
      conversationId: call.conversationId,
      utterances: call.utterances,
    };
    hub.publish(call.orgId, call.callId, frame);
    return frame;
  }

  async function startCall(
    conn: Connection,
    frame: Extract<LiveClientFrame, { type: "start" }>,
  ): Promise<LiveCall> {
    const key = keyOf(conn.orgId, frame.callId);
    const existing = calls.get(key);
    if (existing) {
      existing.update(frame);
      return existing;
    }
    // A call stored before a restart continues its numbering, so its message ids stay unique.
    const stored = await findConversationByMessageExternalId(
      deps.db,
      conn.orgId,
      `${frame.callId}:0`,
    );
    let call: LiveCall;
    if (stored && stored.source === LIVE_SOURCE) {
      const { messages } = await getConversation(deps.db, conn.principal, stored.id);
      call = new LiveCall(conn.orgId, frame, {
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
    } else {
      call = new LiveCall(conn.orgId, frame, { now: new Date() });
    }
    // Another frame may have started it while we looked.
    const raced = calls.get(key);
    if (raced) return raced;
    calls.set(key, call);
    return call;
  }

  function adopt(conn: Connection, call: LiveCall): void {
    const key = keyOf(call.orgId, call.callId);
    owners.set(key, conn);
    cancelCloseTimer(key);
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

  async function handleFrame(conn: Connection, frame: LiveClientFrame): Promise<void> {
    const key = keyOf(conn.orgId, frame.callId);
    if (frame.type === "subscribe") {
      // Keyed by the subscriber's own org: another tenant's call id is simply not found, here or in
      // another process (which is asked with the subscriber's org).
      const seq = calls.get(key)?.utterances ?? (await hub.locate(conn.orgId, frame.callId));
      if (seq === null)
        throw new LiveFrameError(
          "CALL_NOT_FOUND",
          "No live call with this id in your organization",
          frame.callId,
        );
      if (!conn.subscriptions.has(frame.callId)) {
        conn.subscriptions.set(frame.callId, hub.subscribe(conn.orgId, frame.callId, conn.send));
      }
      conn.send({ type: "subscribed", callId: frame.callId, seq });
      // No await since the lookup: the missed frames go out before any newer one the hub delivers.
      if (frame.lastSeq !== undefined)
        sendMissed(conn, frame.callId, calls.get(key), frame.lastSeq, seq);
      return;
    }
    if (!conn.canStream)
      throw new LiveFrameError(
        "FORBIDDEN",
        "Streaming calls needs an API key with the 'ingest' scope",
        frame.callId,
      );
    switch (frame.type) {
      case "start": {
        const call = await startCall(conn, frame);
        adopt(conn, call);
        conn.send({ type: "started", callId: call.callId, seq: call.utterances });
        if (frame.lastSeq !== undefined)
          sendMissed(conn, call.callId, call, frame.lastSeq, call.utterances);
        return;
      }
      case "utterance": {
        const call = calls.get(key);
        if (!call)
          throw new LiveFrameError(
            "CALL_NOT_FOUND",
            "Send a start frame for this call first",
            frame.callId,
          );
        adopt(conn, call);
        const analysis = call.addUtterance(frame);
        conn.send(analysis);
        hub.publish(conn.orgId, frame.callId, analysis);
        // The first utterance is stored at once, so the call is listed (wallboard, conversations)
        // from the moment anyone speaks; after that at every `storeEvery`th utterance as before
        // (5, 10, …), or sooner when failed stores left that many pending.
        const first = call.conversationId === null && call.utterances === 1;
        const due = call.utterances % opts.storeEvery === 0 && call.unstored > 0;
        if (first || due || call.unstored >= opts.storeEvery) void storeQuietly(call, false);
        return;
      }
      case "end": {
        const call = calls.get(key);
        if (!call)
          throw new LiveFrameError("CALL_NOT_FOUND", "No live call with this id", frame.callId);
        const ended = await endCall(call);
        // Subscribers hear it through the hub; the platform hears it here unless it also subscribed.
        if (!conn.subscriptions.has(frame.callId)) conn.send(ended);
        return;
      }
    }
  }

  function onSocketClosed(conn: Connection): void {
    for (const off of conn.subscriptions.values()) off();
    conn.subscriptions.clear();
    if (shuttingDown) return;
    for (const [key, owner] of owners) {
      if (owner !== conn) continue;
      const call = calls.get(key);
      if (!call) continue;
      void storeQuietly(call, false);
      closeTimers.set(
        key,
        setTimeout(() => {
          endCall(call).catch(logCallFailure(call, "could not end live call"));
        }, opts.closeGraceMs).unref(),
      );
    }
  }

  app.get(
    LIVE_PATH,
    authorizeLive,
    upgradeWebSocket((c) => {
      const principal = c.var.principal!;
      const canStream = canStreamCalls(principal);
      let conn: Connection | undefined;
      // Frames of one socket are handled one after another, so analyses go out in the order sent.
      let queue: Promise<void> = Promise.resolve();
      return {
        onOpen(_event, ws) {
          sockets.add(ws);
          conn = {
            orgId: principal.orgId,
            principal,
            canStream,
            subscriptions: new Map(),
            send: (frame) => {
              if (ws.readyState === 1) ws.send(JSON.stringify(frame));
            },
          };
        },
        onMessage(event) {
          const current = conn;
          if (!current) return;
          const data = event.data;
          queue = queue.then(async () => {
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
              await handleFrame(current, parsed.data);
            } catch (err) {
              if (err instanceof LiveFrameError) {
                current.send({
                  type: "error",
                  code: err.code,
                  message: err.message,
                  ...(err.callId ? { callId: err.callId } : {}),
                });
              } else {
                deps.logger.error(
                  { error: describeError(err), orgId: current.orgId },
                  "live frame failed",
                );
                current.send({
                  type: "error",
                  code: "INTERNAL",
                  message: "Something went wrong; the frame was not handled",
                });
              }
            }
          });
        },
        onClose(_event, ws) {
          sockets.delete(ws);
          if (conn) onSocketClosed(conn);
        },
      };
    }),
  );

  liveServers.set(app, {
    inject: (server) => injectWebSocket(server),
    async close() {
      shuttingDown = true;
      for (const timer of closeTimers.values()) clearTimeout(timer);
      closeTimers.clear();
      await Promise.all([...calls.values()].map((call) => storeQuietly(call, false)));
      for (const ws of sockets) ws.close(1001, "server shutting down");
      await hub.close();
    },
  });
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
