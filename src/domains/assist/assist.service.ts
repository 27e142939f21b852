import {
  analyzeConversation,
  CUSTOMER_SIGNALS,
  EMOTION_NAMES,
  type ConversationAnalysis,
} from "../../analysis/index.ts";
import type { Db } from "../../db/client.ts";
import { findCustomerCaseHistory } from "../cases/index.ts";
import { findCustomerProfile } from "../customers/index.ts";
import { searchKnowledge } from "../kb/index.ts";
import { findLastSurveyScore } from "../surveys/index.ts";
import { detectAlerts, riskOf } from "./alerts.ts";
import type { AssistBody, AssistResult } from "./assist.schemas.ts";
import { citeExamples } from "./examples.ts";
import { detectNudges } from "./rewrites.ts";
import { loadAssistSetup } from "./assist-setup.ts";
import { evaluateRule, type RuleCondition, type RuleFacts } from "./rule-conditions.ts";

/** Knowledge cards and actions shown at once: more would not be read during a call. */
const KNOWLEDGE_CARDS = 3;
const ACTIONS_SHOWN = 5;
/** The customer's latest messages that make the knowledge query. */
const KNOWLEDGE_MESSAGES = 3;

type Messages = AssistBody["messages"];

function knowledgeQuery(messages: Messages): string {
  const customer = messages.filter((m) => m.role === "customer");
  const latest = (customer.length > 0 ? customer : messages).slice(-KNOWLEDGE_MESSAGES);
  return latest.map((m) => m.text).join("\n");
}

const customerSignalNames = new Set<string>(CUSTOMER_SIGNALS);

type History = Pick<
  RuleFacts,
  "openCases" | "pastComplaints" | "lastSurveyScore" | "segment" | "value" | "previousOffers"
>;

/** The customer's history the rules look at (but their offers); all unknown without a customer. */
async function loadHistory(
  db: Db,
  orgId: string,
  customer: AssistBody["customer"],
): Promise<History> {
  const history: History = {
    openCases: null,
    pastComplaints: null,
    lastSurveyScore: null,
    segment: customer?.segment ?? null,
    value: customer?.value ?? null,
    previousOffers: null,
  };
  if (!customer) return history;
  const profile = await findCustomerProfile(db, orgId, customer.externalId);
  if (!profile) return history;
  const [cases, survey] = await Promise.all([
    findCustomerCaseHistory(db, orgId, profile.customerId),
    findLastSurveyScore(db, orgId, profile.customerId),
  ]);
  history.openCases = cases.openCases;
  history.pastComplaints = cases.pastComplaints;
  history.lastSurveyScore = survey;
  history.segment ??= profile.segment;
  history.value ??= profile.value;
  return history;
}

/** The facts rules look at: the live signals of the customer's own messages, and their history. */
function factsOf(analysis: ConversationAnalysis, messages: Messages, history: History): RuleFacts {
  const signals = new Map<string, string>();
  for (const s of analysis.signals) {
    if (customerSignalNames.has(s.name) && messages[s.messageIndex]?.role === "customer") {
      signals.set(s.name, s.evidence[0]?.text ?? s.name);
    }
  }
  return {
    ...history,
    signals,
    customerSentiment: analysis.sentiment.score,
    customerText: messages
      .filter((m) => m.role === "customer")
      .map((m) => m.text)
      .join("\n"),
  };
}

function timelineOf(analysis: ConversationAnalysis, messages: Messages): AssistResult["timeline"] {
  return analysis.messages.map((m, i) => {
    let emotion: string | null = null;
    let intensity = 0;
    for (const name of EMOTION_NAMES) {
      if (m.emotions[name] > intensity) {
        emotion = name;
        intensity = m.emotions[name];
      }
    }
    return {
      messageIndex: i,
      role: messages[i]?.role ?? "customer",
      sentiment: Math.round(m.sentiment.score * 1000) / 1000,
      emotion,
      intensity: Math.round(intensity * 1000) / 1000,
    };
  });
}

/**
 * Everything the agent panel (or an integrator's desktop) shows for a conversation so far: alerts
 * with evidence, framing nudges on the agent's messages, knowledge for the customer's latest
 * messages, colleagues' best practices for what the alerts and nudges are about, and the next best actions and offers whose rules fire, each with its reason.
 * Stateless: nothing is stored.
 */
export async function assistConversation(
  db: Db,
  orgId: string,
  body: AssistBody,
): Promise<AssistResult> {
  const { messages } = body;
  // The queries start first: the engine's work overlaps their round trips.
  const loaded = Promise.all([
    loadAssistSetup(db, orgId, body.customer?.externalId ?? null),
    searchKnowledge(db, orgId, knowledgeQuery(messages), { limit: KNOWLEDGE_CARDS }),
    loadHistory(db, orgId, body.customer),
  ]);
  const analysis = analyzeConversation(messages);
  const [{ library, rules, practices, acceptedOffers }, knowledge, history] = await loaded;
  const facts = factsOf(analysis, messages, { ...history, previousOffers: acceptedOffers });
  const alerts = detectAlerts(analysis, messages);
  const actions: AssistResult["actions"] = [];
  for (const rule of rules) {
    const reason = evaluateRule(rule.conditions as RuleCondition[], facts);
    if (reason) actions.push({ id: rule.id, kind: rule.kind, title: rule.title, reason });
    if (actions.length >= ACTIONS_SHOWN) break;
  }
  const nudges = detectNudges(analysis, messages, library);
  return {
    alerts,
    nudges,
    knowledge,
    examples: citeExamples(alerts, nudges, practices),
    actions,
    timeline: timelineOf(analysis, messages),
    risk: riskOf(alerts, analysis),
  };
}
