/**
 * One message through the whole engine: tokenize once, then sentiment, complaint probability,
 * emotions, politeness and signals all reuse the same tokens (and the sentiment rule layer).
 */
import { scoreComplaint } from "./complaint.ts";
import type { EngineState } from "./engine.ts";
import { scoreEmotions } from "./emotions.ts";
import { scorePoliteness } from "./politeness.ts";
import { scoreSentimentDetail, type SentimentDetail } from "./sentiment.ts";
import { detectSignals } from "./signals/detect-signals.ts";
import { tokenize, type Token } from "./text/tokenize.ts";
import type { MessageAnalysis, MessageInput, Role } from "./types.ts";

/** A message analysis plus what the conversation aggregator needs from the same pass. */
export interface MessageDetail {
  analysis: MessageAnalysis;
  role: Role;
  tokens: Token[];
  /** The agent said they are transferring the customer. */
  transfer: boolean;
  /** Sentiment with the rule-layer values, reused to score the customer's reaction to an agent turn. */
  sentimentDetail: SentimentDetail;
  /** The text analysed (the input text, or "" when it was not a string). */
  text: string;
  /** The engine that analysed it (its tokens carry that engine's lexeme records). */
  engine: EngineState;
}

const ROLES: ReadonlySet<string> = new Set(["customer", "agent", "bot", "internal"]);

/** Role with the default applied; unknown values (from untyped callers) count as customer. */
export function roleOf(input: MessageInput): Role {
  const r = input.role;
  return r !== undefined && ROLES.has(r) ? r : "customer";
}

/** Analyses one message and keeps the intermediate values the conversation aggregator reuses. */
export function analyzeMessageDetail(input: MessageInput, engine: EngineState): MessageDetail {
  const text = typeof input.text === "string" ? input.text : "";
  const role = roleOf(input);
  const tokens = tokenize(text, engine.words);
  const sentimentDetail = scoreSentimentDetail(tokens, text, role, engine);
  const sentiment = sentimentDetail.result;
  const complaint = role === "customer" ? scoreComplaint(tokens, {}, engine) : undefined;
  const { signals, transfer } = detectSignals(
    tokens,
    text,
    role,
    {
      complaint,
      terms: sentiment.terms,
      ts: input.ts,
      failures: sentimentDetail.valence.failures,
    },
    engine,
  );
  const analysis: MessageAnalysis = {
    sentiment,
    politeness: scorePoliteness(tokens, role, engine),
    emotions: scoreEmotions(tokens, sentiment, engine),
    signals,
  };
  return { analysis, role, tokens, transfer, sentimentDetail, text, engine };
}
