import { createConversationAnalyzer, type ConversationAnalyzer } from "../analysis/index.ts";
import type {
  IngestConversation,
  IngestDeps,
  IngestMessage,
} from "../domains/conversations/index.ts";
import { ingestConversations } from "../domains/conversations/index.ts";
// Not (yet) re-exported by the conversations index; a pure function over text.
import { DEFAULT_REDACTION_SETTINGS, redactText } from "../domains/conversations/redaction.ts";
import type { LiveServerFrame, LiveStart, LiveUtterance } from "./live.schemas.ts";

export const LIVE_SOURCE = "live";

/**
 * One call in progress: its streaming analyser, the utterances heard, and the ones not yet stored.
 *
 * Stored through `ingestConversations` (channel phone, source "live", externalId = callId), so a
 * live call is redacted, stored and analysed like any other conversation. Utterances are stored
 * incrementally with message ids `<callId>:<seq>`: ingest's idempotency on those ids makes a
 * retried or repeated store harmless, and a crash loses at most the last unstored utterances.
 */
export class LiveCall {
  readonly orgId: string;
  readonly callId: string;
  private startedAt: number;
  private customer: IngestConversation["customer"];
  private agent: IngestConversation["agent"];
  private readonly analyzer: ConversationAnalyzer = createConversationAnalyzer();
  /** Utterances heard so far; `pending` of them, at the end, are not stored yet. */
  private seq: number;
  private pending: IngestMessage[] = [];
  /** Stores run one after another: ingest numbers messages, and two appends must not race. */
  private storing: Promise<void> = Promise.resolve();
  conversationId: string | null = null;

  constructor(orgId: string, start: LiveStart, opts: { now: Date; resumedUtterances?: number }) {
    this.orgId = orgId;
    this.callId = start.callId;
    this.startedAt = start.startedAt ? Date.parse(start.startedAt) : opts.now.getTime();
    this.customer = start.customer ?? { externalId: `call:${start.callId}` };
    this.agent = start.agent;
    this.seq = opts.resumedUtterances ?? 0;
  }

  /** A repeated `start` (a platform reconnecting) may name the customer or agent it left out. */
  update(start: LiveStart): void {
    if (start.customer) this.customer = start.customer;
    if (start.agent) this.agent = start.agent;
    if (start.startedAt && this.seq === 0) this.startedAt = Date.parse(start.startedAt);
  }

  get utterances(): number {
    return this.seq;
  }

  get unstored(): number {
    return this.pending.length;
  }

  /** Feeds earlier, already stored utterances to the analyser (a call resumed after a restart). */
  replay(
    messages: readonly {
      role: "customer" | "agent";
      text: string;
      ts: string;
      startOffset?: number;
      endOffset?: number;
    }[],
  ): void {
    for (const m of messages) this.analyzer.push(m);
  }

  /** Analyses one utterance and returns the analysis frame for the platform and subscribers. */
  addUtterance(u: LiveUtterance): Extract<LiveServerFrame, { type: "analysis" }> {
    const seq = this.seq++;
    const ts = new Date(this.startedAt + Math.round(u.startOffset * 1000)).toISOString();
    // Frames reach subscribers of any role: they see the text redacted, as stored conversations are.
    const redacted = redactText(u.text, DEFAULT_REDACTION_SETTINGS).text;
    const { message, conversation } = this.analyzer.push({
      role: u.speaker,
      text: redacted,
      ts,
      startOffset: u.startOffset,
      endOffset: u.endOffset,
    });
    // The raw text goes to ingest, which redacts it with the organization's own settings.
    this.pending.push({
      role: u.speaker,
      text: u.text,
      ts,
      startOffset: u.startOffset,
      endOffset: u.endOffset,
      externalId: `${this.callId}:${seq}`,
      ...(u.speaker === "agent" && this.agent ? { agentExternalId: this.agent.externalId } : {}),
    });
    const { messages: _messages, ...summary } = conversation;
    return {
      type: "analysis",
      callId: this.callId,
      seq,
      message,
      conversation: summary,
      utterance: { speaker: u.speaker, text: redacted, startOffset: u.startOffset },
      customerExternalId: this.customer.externalId,
    };
  }

  /**
   * Stores the unstored utterances (and, when `closed`, marks the conversation closed). Resolves
   * once stored; on failure the utterances stay pending for the next attempt and the error is thrown.
   */
  store(deps: IngestDeps, opts: { closed: boolean }): Promise<void> {
    const run = this.storing.then(async () => {
      const batch = this.pending;
      if (batch.length === 0 && !opts.closed && this.conversationId) return;
      this.pending = [];
      try {
        const [result] = await ingestConversations(deps, this.orgId, [
          {
            externalId: this.callId,
            source: LIVE_SOURCE,
            channel: "phone",
            status: opts.closed ? "closed" : "open",
            customer: this.customer,
            ...(this.agent ? { agent: this.agent } : {}),
            messages: batch,
          },
        ]);
        if (!result || result.status === "rejected") {
          throw new Error(`live call rejected by ingest: ${result?.error?.message ?? "no result"}`);
        }
        this.conversationId = result.id ?? this.conversationId;
      } catch (err) {
        this.pending = [...batch, ...this.pending];
        throw err;
      }
    });
    // The chain continues after a failure; the caller still sees it.
    this.storing = run.catch(() => {});
    return run;
  }
}
