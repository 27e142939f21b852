import { randomUUID } from "node:crypto";
import type pg from "pg";
import { lazyRequire } from "../lib/lazy-require.ts";
import type { Logger } from "../logger.ts";
import { createInProcessHub, type LiveHub } from "./hub.ts";
import type { LiveServerFrame } from "./live.schemas.ts";

const CHANNEL = "rapport_live";
const pgModule = lazyRequire<typeof import("pg")>("pg");
/**
 * NOTIFY payloads must stay under 8,000 bytes: envelopes are cut into pieces of this many UTF-16
 * units (at most 3 UTF-8 bytes each, so ≤ 5,400 bytes plus a short header) and put back together.
 */
const PIECE = 1_800;
const PROBE_TIMEOUT_MS = 1_000;
const RECONNECT_MS = 1_000;

type Envelope =
  | { t: "frame"; o: string; c: string; f: LiveServerFrame }
  | { t: "probe"; o: string; c: string; q: string }
  | { t: "present"; q: string; s: number };

/** Cuts text into pieces of at most PIECE units, never between the two halves of a surrogate pair. */
export function cutIntoPieces(text: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + PIECE);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces.length > 0 ? pieces : [""];
}

export interface PostgresHubOptions {
  url: string;
  logger: Logger;
  /** The utterance count of a call this process streams, or null: answers other processes' probes. */
  localSeq(orgId: string, callId: string): number | null;
}

/**
 * A live hub across processes over PostgreSQL LISTEN/NOTIFY: every process LISTENs on one dedicated
 * connection and hands what it hears to its own subscribers; `publish` only NOTIFYs, so the
 * publishing process hears its frames the same way as the others (one path, no double delivery).
 * Frames carry the organization id and are dispatched by (org, call), as in-process. The text of an
 * utterance passes through PostgreSQL's notification queue (memory and pg_notify/ files, cleared
 * once every listener has read it), never a table.
 */
export function createPostgresHub(opts: PostgresHubOptions): LiveHub & { ready: Promise<void> } {
  // pg is loaded here, not at import: only a server on PostgreSQL needs it (~0.1 s of a start on
  // the embedded database).
  const pg = pgModule();
  const local = createInProcessHub((err) =>
    opts.logger.warn({ err: String(err) }, "live subscriber failed"),
  );
  const pool = new pg.Pool({ connectionString: opts.url, max: 2 });
  pool.on("error", (err) => opts.logger.warn({ err: err.message }, "live hub connection lost"));
  const probes = new Map<string, (seq: number) => void>();
  const partial = new Map<string, string[]>();
  let listener: pg.Client | null = null;
  let closed = false;

  async function notify(envelope: Envelope): Promise<void> {
    const json = JSON.stringify(envelope);
    const id = randomUUID().slice(0, 8);
    const bodies = cutIntoPieces(json);
    const pieces = bodies.map((body, i) => `${id} ${i} ${bodies.length} ${body}`);
    if (pieces.length === 1) {
      await pool.query("select pg_notify($1, $2)", [CHANNEL, pieces[0]]);
      return;
    }
    // One transaction: its notifications arrive together, in the order they were sent.
    const client = await pool.connect();
    try {
      await client.query("begin");
      for (const piece of pieces) await client.query("select pg_notify($1, $2)", [CHANNEL, piece]);
      await client.query("commit");
    } catch (err) {
      await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  function receive(payload: string): void {
    const [id, index, count] = payload.split(" ", 3);
    const body = payload.slice(`${id} ${index} ${count} `.length);
    const n = Number(count);
    let json = body;
    if (n > 1) {
      const parts = partial.get(id!) ?? [];
      parts[Number(index)] = body;
      partial.set(id!, parts);
      if (parts.filter((p) => p !== undefined).length < n) return;
      partial.delete(id!);
      json = parts.join("");
    }
    const envelope = JSON.parse(json) as Envelope;
    switch (envelope.t) {
      case "frame":
        local.publish(envelope.o, envelope.c, envelope.f);
        return;
      case "probe": {
        const seq = opts.localSeq(envelope.o, envelope.c);
        if (seq !== null) void send({ t: "present", q: envelope.q, s: seq });
        return;
      }
      case "present":
        probes.get(envelope.q)?.(envelope.s);
        return;
    }
  }

  // One notification after another: two sessions' NOTIFYs may arrive in either order, and a call's
  // frames must reach subscribers in the order they were published.
  let sending: Promise<void> = Promise.resolve();
  const send = (envelope: Envelope): Promise<void> =>
    (sending = sending
      .then(() => notify(envelope))
      .catch((err: unknown) =>
        opts.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          "live notify failed",
        ),
      ));

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: opts.url });
    client.on("notification", (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        receive(msg.payload);
      } catch (err) {
        opts.logger.warn({ err: String(err) }, "unreadable live notification");
      }
    });
    let lost = false;
    const reconnect = (err: unknown) => {
      if (closed || lost) return;
      lost = true;
      if (listener === client) listener = null;
      opts.logger.warn({ err: String(err) }, "live hub listener lost; reconnecting");
      void client.end().catch(() => {});
      setTimeout(() => void listen().catch(() => {}), RECONNECT_MS).unref();
    };
    client.on("error", reconnect);
    client.on("end", () => reconnect("connection ended"));
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (err) {
      reconnect(err);
      throw err;
    }
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    listener = client;
  }

  // Until the first LISTEN is in place this process hears nothing; `ready` tells when it is.
  const ready = listen();
  ready.catch(() => {});

  return {
    ready,
    publish(orgId, callId, frame) {
      void send({ t: "frame", o: orgId, c: callId, f: frame });
    },
    subscribe: (orgId, callId, onFrame) => local.subscribe(orgId, callId, onFrame),
    locate(orgId, callId) {
      const q = randomUUID();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          probes.delete(q);
          resolve(null);
        }, PROBE_TIMEOUT_MS);
        probes.set(q, (seq) => {
          clearTimeout(timer);
          probes.delete(q);
          resolve(seq);
        });
        void send({ t: "probe", o: orgId, c: callId, q });
      });
    },
    async close() {
      closed = true;
      const client = listener;
      listener = null;
      await client?.end().catch(() => {});
      await pool.end();
    },
  };
}
