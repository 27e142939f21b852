/** Conversations: ingest, analysis on arrival, browse and read. */
export { getConversation, listConversations } from "./conversations.service.ts";
export { SignalNameSchema } from "./analysis.schemas.ts";
export {
  analysisOf,
  conversationPreview,
  findAgentIdsOfUser,
  findContactReason,
  hasContactReason,
} from "./conversations.repo.ts";
export { ContactReasonRefSchema } from "./conversations.schemas.ts";
export { conversationsRoutes } from "./conversations.routes.ts";
export {
  findConversationByMessageExternalId,
  getRedactionSettings,
  ingestConversations,
  type IngestDeps,
} from "./ingest.service.ts";
export {
  DEFAULT_REDACTION_SETTINGS,
  redactText,
  RedactionSettingsSchema,
  type RedactionSettings,
} from "./redaction.ts";
export {
  IngestConversationSchema,
  IngestResultSchema,
  INGEST_MAX_BYTES,
  INGEST_MAX_CONVERSATIONS,
  type IngestConversation,
  type IngestMessage,
  type IngestResult,
} from "./ingest.schemas.ts";
export { ingestRoutes } from "./ingest.routes.ts";
export { ANALYZE_JOB, analyzeAndStore, analyzeConversationsJob } from "./analysis.jobs.ts";
export { loadMessagesForAnalysis } from "./analysis.repo.ts";
export { enqueueMissingAnalyses, planAnalysis, type AnalysisBatch } from "./analysis.service.ts";
export {
  announceConversationsChanged,
  CONVERSATIONS_CHANGED_JOB,
  ConversationsChangedSchema,
  type ConversationsChanged,
} from "./events.ts";
/** Open conversations with recent activity and their latest messages (the supervisor wallboard). */
export { findActiveConversations, type ActiveConversation } from "./active.repo.ts";
