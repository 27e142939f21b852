import { z } from "zod";
import { analyzeMessage, type SignalName } from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import type { Principal } from "../../lib/principal.ts";
import type { Logger } from "../../logger.ts";
import {
  getConversation,
  getRedactionSettings,
  redactText,
  type RedactionSettings,
} from "../conversations/index.ts";
import { completeChat, LlmUnavailableError, type ChatMessage } from "./llm.client.ts";
import type { ReplySuggestion, ReplySuggestionBody, Summary } from "./llm.schemas.ts";
import { resolveProvider, type EnvLlmConfig } from "./llm.settings.ts";

export interface LlmDeps {
  db: Db;
  logger: Logger;
  env: EnvLlmConfig | undefined;
}

/** The transcript sent is cut to its last this many characters: bounded cost and latency. */
const MAX_PROMPT_CHARS = 24_000;

const SUMMARY_PROMPT =
  "You summarise customer-service conversations for the agent's wrap-up notes. Write 2 to 4 short " +
  "sentences: the customer's issue, what the agent did or promised, and what is still open. Do not " +
  "invent facts. Placeholders like [CARD] stand for removed personal data: keep them as they are.";

const REPLY_PROMPT =
  "You suggest the agent's next reply in a customer-service conversation. Write one reply of at " +
  "most 3 sentences: acknowledge the customer's point, say what the agent can do, no blame, no " +
  "policy language, no promises of things you cannot know. Placeholders like [EMAIL] stand for " +
  "removed personal data. Answer with the reply text only.";

type Turn = { role: "customer" | "agent" | "bot"; text: string };

/** Every text leaves the server redacted with the organization's own rules, whatever it stored. */
function transcriptOf(turns: Turn[], settings: RedactionSettings): string {
  const lines = turns.map((t) => `${t.role}: ${redactText(t.text, settings).text}`);
  const joined = lines.join("\n");
  return joined.length > MAX_PROMPT_CHARS ? joined.slice(-MAX_PROMPT_CHARS) : joined;
}

/**
 * Asks the organization's provider, or returns null with the reason when there is none or it
 * fails (logged with the organization and reason; never the key or the text).
 */
async function ask(
  deps: LlmDeps,
  orgId: string,
  messages: ChatMessage[],
  maxTokens: number,
): Promise<{ text: string; model: string } | { reason: "disabled" | "unavailable" | "timeout" }> {
  const provider = await resolveProvider(deps.db, orgId, deps.env);
  if (!provider) return { reason: "disabled" };
  try {
    return { text: await completeChat(provider, messages, { maxTokens }), model: provider.model };
  } catch (err) {
    if (!(err instanceof LlmUnavailableError)) throw err;
    deps.logger.warn({ orgId, reason: err.reason, detail: err.message }, "llm provider failed");
    return { reason: err.reason };
  }
}

/** A wrap-up summary of a conversation the principal may see: the provider's, or the engine's. */
export async function summariseConversation(
  deps: LlmDeps,
  principal: Principal,
  conversationId: string,
): Promise<Summary> {
  const detail = await getConversation(deps.db, principal, conversationId);
  const turns = detail.messages.flatMap((m): Turn[] =>
    m.role === "internal" || !m.text ? [] : [{ role: m.role, text: m.text }],
  );
  const settings = await getRedactionSettings(deps.db, principal.orgId);
  const answer =
    turns.length === 0
      ? { reason: "unavailable" as const }
      : await ask(
          deps,
          principal.orgId,
          [
            { role: "system", content: SUMMARY_PROMPT },
            { role: "user", content: transcriptOf(turns, settings) },
          ],
          300,
        );
  if ("text" in answer)
    return { summary: answer.text, source: "llm", model: answer.model, fallbackReason: null };
  return {
    summary: extractiveSummary(turns, detail.conversation.analysisDetail, settings),
    source: "fallback",
    model: null,
    fallbackReason: answer.reason,
  };
}

const AnalysisDetailSchema = z.object({
  satisfaction: z.object({ predicted: z.number() }).optional(),
  trajectory: z.string().optional(),
  signals: z
    .array(
      z.object({
        name: z.string(),
        messageIndex: z.number(),
        evidence: z.array(z.object({ text: z.string() })).default([]),
      }),
    )
    .default([]),
});

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/**
 * The fallback summary, built only from what the engine found: the customer's opening, the
 * signals with their evidence, the outcome, and the agent's last words. Never invents anything.
 */
export function extractiveSummary(
  turns: Turn[],
  analysisDetail: Record<string, unknown> | null,
  settings: RedactionSettings,
): string {
  const redact = (t: string) => clip(redactText(t, settings).text.replace(/\s+/g, " "), 200);
  const parts: string[] = [];
  const opening = turns.find((t) => t.role === "customer");
  if (opening) parts.push(`Customer: “${redact(opening.text)}”`);
  const detail = AnalysisDetailSchema.safeParse(analysisDetail ?? {});
  if (detail.success) {
    const signals = detail.data.signals.slice(0, 6).map((s) => {
      const evidence = s.evidence[0]?.text;
      return `${s.name.replace(/_/g, " ")}${evidence ? ` (“${redact(evidence)}”)` : ""}`;
    });
    if (signals.length > 0) parts.push(`Detected: ${signals.join("; ")}.`);
    const predicted = detail.data.satisfaction?.predicted;
    if (predicted !== undefined)
      parts.push(
        `Predicted satisfaction ${predicted.toFixed(1)}/5${detail.data.trajectory ? `, trajectory ${detail.data.trajectory}` : ""}.`,
      );
  }
  const closing = turns.findLast((t) => t.role === "agent");
  if (closing) parts.push(`Agent's last words: “${redact(closing.text)}”`);
  return parts.length > 0 ? parts.join(" ") : "No message text to summarise.";
}

/** A suggested next agent reply for the conversation so far: the provider's, or a template. */
export async function suggestReply(
  deps: LlmDeps,
  orgId: string,
  body: ReplySuggestionBody,
): Promise<ReplySuggestion> {
  const settings = await getRedactionSettings(deps.db, orgId);
  const answer = await ask(
    deps,
    orgId,
    [
      { role: "system", content: REPLY_PROMPT },
      { role: "user", content: transcriptOf(body.messages, settings) },
    ],
    200,
  );
  if ("text" in answer)
    return { suggestion: answer.text, source: "llm", model: answer.model, fallbackReason: null };
  return {
    suggestion: templateReply(body.messages),
    source: "fallback",
    model: null,
    fallbackReason: answer.reason,
  };
}

/** Curated replies for what the engine hears in the customer's last message, strongest first. */
const TEMPLATES: [SignalName, string][] = [
  [
    "vulnerability",
    "Thank you for telling me. Let's take this at your pace; I'll make sure you get the support you need.",
  ],
  [
    "legal_threat",
    "I understand how serious this is for you. Let me set out exactly what happened and what I can do to resolve it.",
  ],
  [
    "churn_threat",
    "I'm sorry we've let you down. Before you decide, let me see what I can do to put this right today.",
  ],
  [
    "escalation_request",
    "I understand. I'll bring in my team lead, and meanwhile here is what I can do for you right now.",
  ],
  [
    "repeat_contact",
    "I'm sorry you've had to contact us again about this. I'll take ownership and follow it through to the end.",
  ],
  ["complaint", "I'm sorry about this. Let me look into it right away and put it right."],
  ["urgency", "I understand this is urgent. Here is what I can do right now."],
  ["praise", "Thank you, that's kind of you to say. Is there anything else I can help with?"],
];

function templateReply(messages: Turn[]): string {
  const last = messages.findLast((m) => m.role === "customer");
  if (!last) return "How can I help you today?";
  const heard = new Set(
    analyzeMessage({ text: last.text, role: "customer" }).signals.map((s) => s.name),
  );
  const match = TEMPLATES.find(([signal]) => heard.has(signal));
  return match?.[1] ?? "Thank you for explaining. Let me check that for you right away.";
}
