import type { LiveClientFrame, LiveServerFrame } from "./live.schemas.ts";

/*
 * One short call as it goes over `/api/v1/live`: the examples of the AsyncAPI document and of
 * docs/live.md. The test checks each against its schema, so the published examples stay true.
 */

export const EXAMPLE_CALL_ID = "call-4711";

export const CLIENT_EXAMPLES = {
  start: {
    type: "start",
    callId: EXAMPLE_CALL_ID,
    startedAt: "2026-11-23T09:00:00Z",
    customer: { externalId: "cust-42", name: "Dana" },
    agent: { externalId: "agent-7", name: "Sam" },
  },
  utterance: {
    type: "utterance",
    callId: EXAMPLE_CALL_ID,
    speaker: "customer",
    text: "This is the third time I call about my router. I want to speak to a manager!",
    startOffset: 3.8,
    endOffset: 8.2,
  },
  end: { type: "end", callId: EXAMPLE_CALL_ID },
  subscribe: { type: "subscribe", callId: EXAMPLE_CALL_ID, lastSeq: 0 },
} satisfies Record<LiveClientFrame["type"], LiveClientFrame>;

export const SERVER_EXAMPLES = {
  started: { type: "started", callId: EXAMPLE_CALL_ID, seq: 0 },
  subscribed: { type: "subscribed", callId: EXAMPLE_CALL_ID, seq: 2 },
  analysis: {
    type: "analysis",
    callId: EXAMPLE_CALL_ID,
    seq: 1,
    message: {
      sentiment: { score: -0.42, label: "negative", terms: [] },
      politeness: 0,
      emotions: {
        anger: 0.35,
        frustration: 0.6,
        disappointment: 0,
        confusion: 0,
        anxiety: 0,
        satisfaction: 0,
        gratitude: 0,
        delight: 0,
      },
      signals: [
        {
          name: "escalation_request",
          score: 0.9,
          evidence: [{ start: 48, end: 76, text: "I want to speak to a manager" }],
        },
        {
          name: "repeat_contact",
          score: 0.8,
          evidence: [{ start: 0, end: 23, text: "This is the third time" }],
        },
      ],
    },
    conversation: {
      satisfaction: { predicted: 2.4, drivers: [], confidence: 0.3, outcome: "unknown" },
      sentiment: { score: -0.42, label: "negative", start: -0.42, end: -0.42 },
      trajectory: "unknown",
      signals: [
        {
          name: "escalation_request",
          score: 0.9,
          messageIndex: 1,
          evidence: [{ start: 48, end: 76, text: "I want to speak to a manager" }],
        },
      ],
      effort: { repetitions: 0, transfers: 0, longWaits: 0, score: 0.2 },
      timings: { silences: [], overtalk: [], agentTalkRatio: 0.38 },
    },
    utterance: {
      speaker: "customer",
      text: "This is the third time I call about my router. I want to speak to a manager!",
      startOffset: 3.8,
    },
    customerExternalId: "cust-42",
  },
  ended: {
    type: "ended",
    callId: EXAMPLE_CALL_ID,
    conversationId: "0193a6f2-6f1e-7c3a-9d7e-2b1f4c5d6e7f",
    utterances: 6,
  },
  error: {
    type: "error",
    code: "VALIDATION_FAILED",
    message: "text: must not be empty",
  },
} satisfies Record<LiveServerFrame["type"], LiveServerFrame>;
