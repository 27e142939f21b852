import type { Channel, MessageRole } from "../../db/schema/index.ts";
import type { Rng } from "./prng.ts";
import type { AgentStyle } from "./roster.ts";
import { DEMO_BRAND } from "./roster.ts";
import {
  CHAT_BOT_GREETING,
  CURT_REPLIES,
  CURT_REPLIES_BY_CATEGORY,
  CUSTOMER_LINES,
  GOOD_APOLOGIES,
  GOOD_CLARIFY,
  GOOD_WELCOMES,
  PHONE_BACKCHANNELS,
  POLICY_REPLIES,
  POOR_FOLLOW_UP_REPLIES,
} from "./demo-texts.ts";

/** What a conversation is about: a customer request and the best available answer to it. */
export interface Topic {
  /** bitext category or banking group: picks on-topic curt replies. */
  category: string;
  opening: string;
  /** A second request on the same subject, for multi-turn conversations. */
  secondOpening: string;
  reply: string;
  secondReply: string;
}

export interface Turn {
  role: MessageRole;
  text: string;
}

export interface ComposeContext {
  channel: Channel;
  style: AgentStyle;
  agentFirst: string;
  customerFirst: string;
  customerName: string;
  customerEmail: string;
  slots: Record<string, string>;
  /** GoEmotions lines by group (thanks, positive, negative, confused, worried). */
  emotions: Record<string, string[]>;
}

// How likely each style's customer is to end happy; poor styles draw complaints (and so lower
// sentiment and more escalations in the demo dashboards).
const POSITIVE_ENDING: Record<AgentStyle, number> = {
  exemplary: 0.8,
  solid: 0.65,
  brisk: 0.45,
  curt: 0.2,
  policy: 0.15,
};

export function fillSlots(text: string, slots: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, key: string) => slots[key] ?? m);
}

/** Sentences of a reply with list markers removed, for phone speech and short channels. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .map((l) => l.replace(/^\s*(\d+\.|[-*•])\s*/, "").trim())
    .filter(Boolean)
    .flatMap((l) => l.split(/(?<=[.!?])\s+(?=[A-Z0-9"'])/))
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

function firstSentences(text: string, max: number, maxChars = Infinity): string {
  const out: string[] = [];
  let len = 0;
  for (const s of splitSentences(text)) {
    if (out.length >= max || (out.length > 0 && len + s.length > maxChars)) break;
    out.push(s);
    len += s.length + 1;
  }
  // A cut that ends on "Here's what you can do:" promises a list that never comes.
  while (out.length > 1 && out[out.length - 1]?.endsWith(":")) out.pop();
  return out.join(" ").replace(/:$/, ".");
}

function pickEmotion(
  rng: Rng,
  ctx: ComposeContext,
  group: keyof typeof CUSTOMER_LINES | "positive",
): string {
  const fromData = ctx.emotions[group] ?? [];
  const authored = group === "positive" ? [] : CUSTOMER_LINES[group];
  if (fromData.length > 0 && (authored.length === 0 || rng.chance(0.6))) return rng.pick(fromData);
  return rng.pick(authored.length > 0 ? authored : CUSTOMER_LINES.thanks);
}

/** The agent's answer to a request, shaped by the agent's style and the channel. */
function answer(
  rng: Rng,
  ctx: ComposeContext,
  topic: Topic,
  reply: string,
  first: boolean,
): string {
  const short = ctx.channel === "social" || ctx.channel === "sms";
  switch (ctx.style) {
    case "curt": {
      const topical = CURT_REPLIES_BY_CATEGORY[topic.category] ?? [];
      return topical.length > 0 && rng.chance(0.7) ? rng.pick(topical) : rng.pick(CURT_REPLIES);
    }
    case "policy":
      return rng.chance(0.7) ? rng.pick(POLICY_REPLIES) : firstSentences(reply, 1);
    case "brisk":
      return `${firstSentences(reply, short ? 1 : 2, 240)}${rng.chance(0.5) ? " Anything else?" : ""}`;
    case "exemplary":
    case "solid": {
      const body = short ? firstSentences(reply, 2, 230) : reply;
      const greet =
        first && ctx.channel !== "email" && ctx.channel !== "phone"
          ? `Hi ${ctx.customerFirst}, thanks for reaching out! `
          : "";
      const check =
        ctx.style === "exemplary" && !short
          ? "\n\nDoes that help? If anything is unclear, just reply here."
          : "";
      return `${greet}${body}${check}`;
    }
  }
}

function wrapEmail(turn: Turn, ctx: ComposeContext): Turn {
  if (turn.role === "customer") {
    return { ...turn, text: `Hi,\n\n${turn.text}\n\nThanks,\n${ctx.customerFirst}` };
  }
  if (turn.role === "agent" && (ctx.style === "exemplary" || ctx.style === "solid")) {
    return {
      ...turn,
      text: `Hi ${ctx.customerFirst},\n\n${turn.text}\n\nKind regards,\n${ctx.agentFirst}\n${DEMO_BRAND} Customer Care`,
    };
  }
  return turn;
}

/** Live channels check who they are talking to before answering. */
function verification(rng: Rng, ctx: ComposeContext, good: boolean): Turn[] {
  const ask = good
    ? rng.pick([
        "I can help with that. Can I have your full name and the email address on the account, please?",
        "Sure, let me pull up your account. Could you confirm your name and email address for me?",
      ])
    : rng.pick(["Name and email.", "Email on the account?"]);
  const turns: Turn[] = [
    { role: "agent", text: ask },
    {
      role: "customer",
      text: rng.pick([
        `Sure, it's ${ctx.customerName}, ${ctx.customerEmail}.`,
        `${ctx.customerName}. The email is ${ctx.customerEmail}`,
        `It's ${ctx.customerEmail}`,
      ]),
    },
  ];
  if (good)
    turns.push({
      role: "agent",
      text: `Thank you, ${ctx.customerFirst}. I've got your account open.`,
    });
  return turns;
}

/** Turns of one conversation, before timestamps: opening, answer, optional second round, ending. */
export function composeTurns(rng: Rng, ctx: ComposeContext, topic: Topic): Turn[] {
  const turns: Turn[] = [];
  const good = ctx.style === "exemplary" || ctx.style === "solid";
  if (ctx.channel === "chat" && rng.chance(0.5))
    turns.push({ role: "bot", text: CHAT_BOT_GREETING });
  if (ctx.channel === "phone") {
    turns.push({
      role: "agent",
      text: good
        ? `Thank you for calling ${DEMO_BRAND}, my name is ${ctx.agentFirst}. How can I help you today?`
        : `${DEMO_BRAND}, ${ctx.agentFirst} speaking.`,
    });
  }
  const opening =
    ctx.channel === "social" && rng.chance(0.6) ? `@${DEMO_BRAND} ${topic.opening}` : topic.opening;
  turns.push({ role: "customer", text: opening });
  const verified = ctx.channel === "phone" || (ctx.channel === "chat" && rng.chance(0.4));
  if (verified) turns.push(...verification(rng, ctx, good));
  // After verification the agent has already greeted the customer by name.
  turns.push({ role: "agent", text: answer(rng, ctx, topic, topic.reply, !verified) });

  if (rng.chance(ctx.channel === "email" ? 0.2 : 0.3)) {
    const lead = rng.pick(["Also, ", "One more thing: ", "And ", ""]);
    const second = topic.secondOpening;
    const lower = lead && second ? second.charAt(0).toLowerCase() + second.slice(1) : second;
    turns.push({ role: "customer", text: `${lead}${lower}` });
    turns.push({ role: "agent", text: answer(rng, ctx, topic, topic.secondReply, false) });
  }

  const happy = rng.chance(POSITIVE_ENDING[ctx.style]);
  if (happy) {
    if (rng.chance(0.85)) {
      turns.push({
        role: "customer",
        text: pickEmotion(rng, ctx, rng.chance(0.7) ? "thanks" : "positive"),
      });
      if (good || rng.chance(0.3)) {
        turns.push({
          role: "agent",
          text: good ? rng.pick(GOOD_WELCOMES) : rng.pick(["Ok.", "np", "Bye."]),
        });
      }
    }
  } else {
    const confused = rng.chance(0.35);
    const anxious =
      (topic.category === "lost_card" || topic.category === "charges") && rng.chance(0.4);
    const mood = confused ? "confused" : anxious ? "worried" : "negative";
    turns.push({ role: "customer", text: pickEmotion(rng, ctx, mood) });
    if (good) {
      const text = confused
        ? rng.pick(GOOD_CLARIFY).replace("{{short}}", firstSentences(topic.reply, 1))
        : rng.pick(GOOD_APOLOGIES);
      turns.push({ role: "agent", text });
      if (rng.chance(0.6)) turns.push({ role: "customer", text: pickEmotion(rng, ctx, "thanks") });
    } else if (rng.chance(0.7)) {
      turns.push({ role: "agent", text: rng.pick(POOR_FOLLOW_UP_REPLIES) });
      if (rng.chance(0.4))
        turns.push({ role: "customer", text: pickEmotion(rng, ctx, "negative") });
    }
  }
  if (ctx.channel === "phone" && good) {
    turns.push({
      role: "agent",
      text: `Thanks for calling, ${ctx.customerFirst}. Have a great day!`,
    });
  }

  const slots = { ...ctx.slots, first: ctx.customerFirst };
  let out = turns.map((t) => ({ ...t, text: fillSlots(t.text, slots) }));
  if (ctx.channel === "email") out = out.map((t) => wrapEmail(t, ctx));
  if (ctx.channel === "phone") out = toUtterances(rng, out);
  return out;
}

/** Phone transcripts: long agent turns become several utterances with customer backchannels. */
function toUtterances(rng: Rng, turns: Turn[]): Turn[] {
  const out: Turn[] = [];
  for (const t of turns) {
    if (t.role !== "agent") {
      out.push(t);
      continue;
    }
    const sentences = splitSentences(t.text).slice(0, 8);
    for (let i = 0; i < sentences.length; i += 2) {
      out.push({ role: "agent", text: sentences.slice(i, i + 2).join(" ") });
      if (i + 2 < sentences.length && rng.chance(0.45)) {
        out.push({ role: "customer", text: rng.pick(PHONE_BACKCHANNELS) });
      }
    }
  }
  return out;
}
