/**
 * Rapport's conversation intelligence engine: pure TypeScript, deterministic, no I/O.
 *
 * Everything outside `src/analysis/` imports the engine from here. These functions use a default
 * engine built from the built-in data on the first call (nothing is built at import);
 * `createEngine` builds another (engine.ts).
 */
import type { ConversationOptions } from "./conversation.ts";
import { defaultEngine } from "./engine.ts";
import type { ConversationAnalyzer } from "./stream.ts";
import type { ConversationAnalysis, MessageAnalysis, MessageInput } from "./types.ts";

export * from "./types.ts";
export { builtInEngineData, createEngine, type Engine, type EngineData } from "./engine.ts";
export { packModels, type ModelSet, type PackedModels } from "./packed-models.ts";
export type { ConversationAnalyzer, ConversationOptions };

/**
 * Version of the engine's behaviour (cue data, models, rules), `YYYY.MM.N`. The ingest pipeline
 * stamps stored results with it so a re-analysis can find results made by an older engine.
 * Bump it whenever any output for the same input can change.
 */
export const ENGINE_VERSION = "2026.12.2";

/**
 * Analyses one message: sentiment, politeness, emotions and the signals for its role
 * (customer by default; agent and bot share agent cues; internal notes look for disrespect).
 * Never throws; linear in the length of the text.
 *
 * @example
 * const result = analyzeMessage({ text: "We'll call you back within 24 hours.", role: "agent" });
 * result.signals.find((s) => s.name === "promise")?.due; // "PT24H"
 *
 * @example
 * analyzeMessage({ text: "This is the third time I call. I want a manager!" }).signals.map((s) => s.name);
 * // ["escalation_request", "repeat_contact"]
 */
export function analyzeMessage(input: MessageInput): MessageAnalysis {
  return defaultEngine().analyzeMessage(input);
}

/**
 * Starts a streaming analysis of one conversation. Each `push` analyses only the new message and
 * updates running aggregates (customer sentiment, trajectory, signals, effort, call timings,
 * predicted satisfaction), so it stays well under a millisecond for typical messages however long
 * the conversation gets.
 *
 * @example
 * const live = createConversationAnalyzer({ silenceSeconds: 5 });
 * live.push({ role: "customer", text: "My router keeps dropping, third time I call", ts: "2026-11-23T09:00:00Z" });
 * const { conversation } = live.push({ role: "agent", text: "I'm sorry to hear that, let me fix it.", ts: "2026-11-23T09:00:40Z" });
 * conversation.satisfaction.predicted; // 1..5
 */
export function createConversationAnalyzer(options?: ConversationOptions): ConversationAnalyzer {
  return defaultEngine().createConversationAnalyzer(options);
}

/**
 * Analyses a whole conversation with the same machinery as {@link createConversationAnalyzer}.
 *
 * @example
 * const result = analyzeConversation([
 *   { role: "customer", text: "My parcel never arrived and I'm furious" },
 *   { role: "agent", text: "I'm so sorry. I've sent a replacement, it arrives tomorrow." },
 *   { role: "customer", text: "Brilliant, thank you so much!" },
 * ]);
 * result.trajectory; // "recovered"
 */
export function analyzeConversation(
  messages: Iterable<MessageInput>,
  options?: ConversationOptions,
): ConversationAnalysis {
  return defaultEngine().analyzeConversation(messages, options);
}
