/**
 * Streaming conversation analysis: each push analyses only the new message and folds it into running
 * aggregates (see conversation.ts), so a push costs one message analysis plus a cheap snapshot.
 */
import { analyzeMessageDetail } from "./analyze-message.ts";
import {
  addToConversation,
  createConversationState,
  snapshotConversation,
  type ConversationOptions,
} from "./conversation.ts";
import type { EngineState } from "./engine.ts";
import type { ConversationAnalysis, MessageAnalysis, MessageInput } from "./types.ts";

/** A running conversation analysis. */
export interface ConversationAnalyzer {
  /** Analyses `message`, folds it in, and returns its analysis and the updated conversation. */
  push(message: MessageInput): { message: MessageAnalysis; conversation: ConversationAnalysis };
  /** The conversation analysis so far (an empty conversation is "unknown" with neutral sentiment). */
  snapshot(): ConversationAnalysis;
  /** Messages pushed so far. */
  readonly size: number;
}

/** See {@link import("./index.ts").createConversationAnalyzer}. */
export function createConversationAnalyzer(
  engine: EngineState,
  options: ConversationOptions = {},
): ConversationAnalyzer {
  const state = createConversationState(options);
  return {
    push(message) {
      const input: MessageInput =
        message !== null && typeof message === "object" ? message : { text: "" };
      const detail = analyzeMessageDetail(input, engine);
      addToConversation(state, input, detail);
      return { message: detail.analysis, conversation: snapshotConversation(state) };
    },
    snapshot: () => snapshotConversation(state),
    get size() {
      return state.messages.length;
    },
  };
}

/** See {@link import("./index.ts").analyzeConversation}. */
export function analyzeConversation(
  engine: EngineState,
  messages: Iterable<MessageInput>,
  options: ConversationOptions = {},
): ConversationAnalysis {
  const state = createConversationState(options);
  for (const m of messages) {
    const input: MessageInput = m !== null && typeof m === "object" ? m : { text: "" };
    addToConversation(state, input, analyzeMessageDetail(input, engine));
  }
  return snapshotConversation(state);
}
