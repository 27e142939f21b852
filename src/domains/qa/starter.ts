import type { Condition, Criterion, Definition, Rule } from "./definition.ts";

/**
 * The three starter scorecards every organization gets (phone, email, chat), built from the
 * standards of great service: open warmly, own the problem, explain rather than cite rules, keep
 * promises you can date, check the fix, close well. Each automatic criterion is mapped onto the
 * signals the engine emits (src/analysis/types.ts, docs/analysis.md); where the engine has no direct
 * signal the mapping is the closest honest proxy, and is said so below.
 */

const agentSays = (signal: string, extra: Partial<Condition> = {}): Condition =>
  ({ type: "signal", signal, role: "agent", present: true, ...extra }) as Condition;
const agentNever = (signal: string, extra: Partial<Condition> = {}): Condition =>
  ({ type: "signal", signal, role: "agent", present: false, ...extra }) as Condition;
/** Nothing to judge an agent on until an agent has written or said something. */
const AGENT_SPOKE: Condition = { type: "message_count", role: "agent", min: 1 };

const rule = (expect: Condition[], when: Condition[] = [], mode: Rule["mode"] = "all"): Rule => ({
  when: [AGENT_SPOKE, ...when],
  mode,
  expect,
});

const criterion = (
  key: string,
  name: string,
  weight: number,
  r: Rule | null,
  description: string,
  critical = false,
): Criterion => ({ key, name, weight, scale: "pass_fail", critical, rule: r, description });

function starterCriteria(withScripted: boolean): Criterion[] {
  const complained: Condition = {
    type: "signal",
    signal: "complaint",
    role: "customer",
    present: true,
  };
  const afterComplaint = { after: { signal: "complaint" as const, role: "customer" as const } };
  return [
    criterion(
      "greeting",
      "Greets the customer",
      10,
      rule([agentSays("greeting", { withinFirst: 2 })]),
      "A greeting in the agent's first two messages (engine signal greeting).",
    ),
    criterion(
      "empathy_on_complaint",
      "Apologises or empathises after a complaint",
      15,
      rule(
        [agentSays("apology", afterComplaint), agentSays("empathy", afterComplaint)],
        [complained],
        "any",
      ),
      "After the customer complained, an owned apology or empathy (signals apology, empathy). N/A without a complaint.",
    ),
    criterion(
      "no_blame_shifting",
      "Does not shift blame",
      15,
      rule([agentNever("blame_shifting")]),
      "No blame on the customer, a colleague or a partner (signal blame_shifting).",
    ),
    criterion(
      "no_policy_framing",
      "Explains instead of citing policy",
      10,
      rule([agentNever("policy_framing", { excusedBy: { signal: "offer", role: "agent" } })]),
      "A policy cited with no reason (the engine vetoes policy_framing when a reason is given) and no alternative (an offer in the same or a later agent message) fails.",
    ),
    criterion(
      "promise_with_due",
      "Promises say when",
      10,
      rule([agentNever("promise", { due: "missing" })], [agentSays("promise")]),
      "Every promise states a due time (the engine parses one into promise.due). N/A without a promise.",
    ),
    criterion(
      "resolution_check",
      "Checks the issue is resolved",
      10,
      rule([agentSays("resolution_check")]),
      "Asks whether the problem is solved or anything else is needed (signal resolution_check).",
    ),
    criterion(
      "closing",
      "Closes the conversation well",
      5,
      rule([agentSays("closing")]),
      "A closing such as 'have a great day' or 'kind regards' (signal closing).",
    ),
    criterion(
      "courtesy",
      "Courteous and professional",
      withScripted ? 10 : 15,
      rule([agentSays("courtesy"), agentNever("unprofessional")]),
      "Polite wording (signal courtesy) and nothing unprofessional (signal unprofessional).",
    ),
    ...(withScripted
      ? [
          criterion(
            "no_scripted_reply",
            "Answers specifically, not with a script",
            5,
            rule([agentNever("scripted_reply")]),
            "Proxy: the engine cannot match a question to its answer, so this fails replies made of stock phrases or unfilled templates (signal scripted_reply); a reviewer confirms.",
          ),
        ]
      : []),
    criterion(
      "correct_information",
      "Gives correct, complete information",
      10,
      null,
      "Needs human judgement: pending until a reviewer answers.",
      true,
    ),
  ];
}

function starter(name: string, channels: Definition["channels"]): Definition {
  const criteria = starterCriteria(!channels.includes("phone"));
  const [core, rest] = [criteria.slice(0, 7), criteria.slice(7)];
  return {
    name,
    channels,
    sections: [
      { key: "service_standards", name: "Service standards", criteria: core },
      { key: "professionalism", name: "Professionalism and accuracy", criteria: rest },
    ],
  };
}

/**
 * The starter definitions, keyed by `qa_scorecards.starter_key`. Between them they cover every
 * channel, so no conversation goes unscored: the chat scorecard also takes social, SMS and other
 * written messaging.
 */
export const STARTER_SCORECARDS: Record<"phone" | "email" | "chat", Definition> = {
  phone: starter("Phone service standards", ["phone"]),
  email: starter("Email service standards", ["email"]),
  chat: starter("Chat service standards", ["chat", "social", "sms", "other"]),
};
