/** Response shapes of the Rapport HTTP API (/api/v1). Kept in one place so a contract change is one edit. */

export const CHANNELS = ["phone", "email", "chat", "social", "sms", "other"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONVERSATION_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MESSAGE_ROLES = ["customer", "agent", "bot", "internal"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const ROLES = ["admin", "leader", "qa", "agent", "exec"] as const;
export type Role = (typeof ROLES)[number];

export const API_KEY_SCOPES = ["read", "write", "ingest", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface NamedRef {
  id: string;
  name: string | null;
}

export interface Session {
  user: { id: string; email: string; name: string };
  org: { id: string; slug: string; name: string };
  role: Role;
  csrfToken: string;
}

export interface ConversationSummary {
  id: string;
  externalId: string;
  source: string;
  channel: Channel;
  status: ConversationStatus;
  subject: string | null;
  preview: string | null;
  startedAt: string;
  endedAt: string | null;
  messageCount: number;
  customer: NamedRef | null;
  agent: NamedRef | null;
  team: NamedRef | null;
  analysis: ConversationAnalysisSummary | null;
}

export interface ConversationPage {
  items: ConversationSummary[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface Message {
  id: string;
  seq: number;
  role: MessageRole;
  text: string;
  ts: string;
  startOffset: number | null;
  endOffset: number | null;
  agent: NamedRef | null;
  /** Personal data items replaced by placeholders before storage. */
  redactions: number;
  /** The whole original (e.g. an email with quoted history), redacted; null when `text` is the original. */
  rawText: string | null;
  analysis: MessageAnalysis | null;
}

export interface ConversationDetail {
  conversation: ConversationSummary & {
    metadata: Record<string, unknown> | null;
    analysisDetail: AnalysisDetail | null;
  };
  messages: Message[];
  participants: { role: MessageRole; displayName: string | null }[];
}

export interface VolumeStats {
  days: { day: string; channel: Channel; count: number }[];
}

export interface Team {
  id: string;
  name: string;
  agentCount: number;
}

export interface Agent {
  id: string;
  name: string;
  email: string | null;
  teamId: string | null;
  externalId: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  /** The full secret; the server returns it exactly once. */
  key: string;
}

export interface ListResponse<T> {
  items: T[];
}

// ── Analysis (src/analysis/types.ts is the contract; the API passes these through as stored) ──

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

export type Trajectory = "recovered" | "steady" | "deteriorated" | "improved" | "unknown";

/** Whether the customer has reacted to an agent reply, i.e. whether the outcome was seen. */
export type SatisfactionOutcome = "observed" | "unknown";

/** What the list endpoint says about a conversation; null until it has been analysed. */
export interface ConversationAnalysisSummary {
  /** Predicted customer satisfaction, 1–5. */
  satisfaction: number;
  /** Evidence of the outcome behind the prediction, 0–1; null for analyses before engine 2026.12.1. */
  satisfactionConfidence?: number | null;
  /** "unknown" until the customer has reacted to an agent reply; null for older analyses. */
  satisfactionOutcome?: SatisfactionOutcome | null;
  sentiment: SentimentLabel;
  sentimentScore: number;
  trajectory: string;
  signals: string[];
}

/** `text === message.text.slice(start, end)`, offsets in UTF-16 code units. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
}

export interface Signal {
  name: string;
  /** In (0, 1]. */
  score: number;
  evidence: Evidence[];
  /** For promises: ISO-8601 instant or duration ("PT24H") when a due time was stated. */
  due?: string;
}

export interface SentimentTerm {
  text: string;
  start: number;
  end: number;
  weight: number;
}

export interface MessageSentiment {
  /** In [-1, 1]. */
  score: number;
  label: SentimentLabel;
  terms: SentimentTerm[];
}

export interface MessageAnalysis {
  sentiment: Partial<MessageSentiment>;
  signals: Signal[];
  politeness: number;
  emotions: Record<string, number>;
}

export interface SatisfactionDriver {
  name: string;
  /** Signed effect on the predicted 1–5 score. */
  effect: number;
  label: string;
}

export interface TimedSpan {
  start: number;
  end: number;
  seconds: number;
}

export interface AnalysisDetail {
  satisfaction?: {
    predicted: number;
    drivers: SatisfactionDriver[];
    /** 0–1; absent in analyses stored before engine 2026.12.1. */
    confidence?: number;
    outcome?: SatisfactionOutcome;
  };
  sentiment?: { score: number; label: SentimentLabel; start: number; end: number };
  trajectory?: Trajectory;
  signals?: (Signal & { messageIndex: number })[];
  effort?: {
    repetitions: number;
    transfers: number;
    longWaits: number;
    longestWaitSeconds?: number;
    score: number;
  };
  timings?: { silences: TimedSpan[]; overtalk: TimedSpan[]; agentTalkRatio: number };
  engineVersion?: string | null;
}

// ── Channels ──

/** Which kinds of personal data are replaced by placeholders before a message is stored. */
export interface RedactionSettings {
  enabled: boolean;
  cards: boolean;
  cvv: boolean;
  iban: boolean;
  nationalIds: boolean;
  emails: boolean;
  phones: boolean;
}

export interface Mailbox {
  id: string;
  name: string;
  address: string;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  folder: string;
  enabled: boolean;
  uidValidity: string | null;
  lastUid: number;
  lastPolledAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface CreateMailboxBody {
  name: string;
  address: string;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  folder: string;
}

export interface WebhookSource {
  id: string;
  name: string;
  source: string;
  mapping: Record<string, unknown>;
  enabled: boolean;
  createdAt: string;
  /** Path the sender posts to; prefix the public origin. */
  url: string;
}

export interface CreatedWebhookSource extends WebhookSource {
  /** The signing secret; the server returns it exactly once. */
  secret: string;
}
