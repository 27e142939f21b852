/**
 * Response shapes of the Rapport HTTP API (/api/v1): aliases of the generated `api-types/`
 * (`npm run api:types`; CI fails when it is stale), so they cannot drift from the server.
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

export type Message = Schemas["Message"];

export type ConversationDetail = Schemas["ConversationDetail"];

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

export type Evidence = Schemas["Evidence"];
export type Signal = Schemas["Signal"];
export type SentimentTerm = Schemas["SentimentTerm"];
export type MessageAnalysis = NonNullable<Schemas["MessageAnalysis"]>;
export type MessageSentiment = Required<MessageAnalysis["sentiment"]>;
export type AnalysisDetail = NonNullable<Schemas["AnalysisDetail"]>;
export type SatisfactionDriver = NonNullable<AnalysisDetail["satisfaction"]>["drivers"][number];
export type TimedSpan = NonNullable<AnalysisDetail["timings"]>["silences"][number];

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
export type QaBulkAssignResult = Schemas["QaBulkAssignResult"];
export type QaSettings = Schemas["QaSettings"];
export type QaEvaluationList = Schemas["QaEvaluationList"];
export type QaCoachingNote = Schemas["QaCoachingNote"];
export type QaCoachingNotes = Schemas["QaCoachingNotes"];
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
