/**
 * Response shapes of the Rapport HTTP API (/api/v1). Types the server's OpenAPI document describes
 * are aliases of the generated `api-types/` (`npm run api:types`; CI fails when it is stale),
 * so they cannot drift; the analysis shapes below are still written by hand (issue 13: the OpenAPI
 * document types them as open objects).
 */
import type { components } from "./api-types/index.gen.ts";

type Schemas = components["schemas"];

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

export type Session = Schemas["Me"];

export type ConversationSummary = Schemas["ConversationSummary"];

export type ConversationPage = Schemas["ConversationPage"];

export type Message = Omit<Schemas["Message"], "analysis"> & {
  /** Typed here by hand: the OpenAPI document has open objects inside (issue 13). */
  analysis: MessageAnalysis | null;
};

export type ConversationDetail = Omit<
  Schemas["ConversationDetail"],
  "conversation" | "messages"
> & {
  conversation: Omit<Schemas["ConversationDetail"]["conversation"], "analysisDetail"> & {
    /** Typed here by hand: an open object in the OpenAPI document (issue 13). */
    analysisDetail: AnalysisDetail | null;
  };
  messages: Message[];
};

export type VolumeStats = Schemas["Volume"];

export type Team = Schemas["Team"];

export type Agent = Schemas["Agent"];

export type User = Schemas["User"];

export type ApiKey = Schemas["ApiKey"];

export type CreatedApiKey = Schemas["CreatedApiKey"];

export interface ListResponse<T> {
  items: T[];
}

// ── Analysis (src/analysis/types.ts is the contract; the API passes these through as stored) ──

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

/** Whether the customer has reacted to an agent reply, i.e. whether the outcome was seen. */
export type SatisfactionOutcome = "observed" | "unknown";

export type Trajectory = "recovered" | "steady" | "deteriorated" | "improved" | "unknown";

export type ConversationAnalysisSummary = NonNullable<ConversationSummary["analysis"]>;

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

export type RedactionSettings = Schemas["RedactionSettings"];
export type RetentionSettings = Schemas["RetentionSettings"];
export type RetentionRun = Schemas["RetentionRun"];

export type Mailbox = Schemas["Mailbox"];

export type CreateMailboxBody = Schemas["CreateMailboxBody"];

export type WebhookSource = Schemas["WebhookSource"];

export type CreatedWebhookSource = Schemas["CreatedWebhookSource"];

export type Overview = Schemas["Overview"];
export type OverviewDay = Overview["days"][number];

// ── Quality assurance ──

export type QaScorecard = Schemas["QaScorecard"];
export type QaDefinition = Schemas["QaScorecardDefinition"];
export type QaEvaluation = Schemas["QaEvaluation"];
export type QaAnswer = Schemas["QaAnswer"];
export type QaDispute = Schemas["QaDispute"];
export type QaBacktest = Schemas["QaBacktest"];
export type QaReviewQueue = Schemas["QaReviewQueue"];
export type Survey = Schemas["Survey"];
export type CreateSurveyBody = Schemas["CreateSurveyBody"];
export type SurveyInvitation = Schemas["SurveyInvitation"];
export type SurveyBudgetSettings = Schemas["SurveyBudgetSettings"];
export type PulseSurvey = Schemas["PulseSurvey"];
export type PulseResults = Schemas["PulseResults"];
export type SurveyBudgetReport = Schemas["SurveyBudgetReport"];
export type PredictedVsActualReport = Schemas["PredictedVsActualReport"];
export type SurveyOverviewReport = Schemas["SurveyOverviewReport"];
export type FollowUp = Schemas["FollowUp"];
export type CloseFollowUpBody = Schemas["CloseFollowUpBody"];
export type FollowUpCase = Schemas["FollowUpCase"];
