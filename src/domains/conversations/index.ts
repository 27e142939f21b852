/** Conversations: browse, read, and (issue 4) ingest and search. */
export { getConversation, listConversations, volumeByDay } from "./conversations.service.ts";
export { conversationsRoutes } from "./conversations.routes.ts";
