/**
 * The scorecard metrics: their keys, the column of people_conversation_facts they read, which way
 * is better, and how each maps onto 0–100 "points" for the weighted overall score.
 */
export const METRIC_KEYS = [
  "qa_auto",
  "qa_human",
  "predicted_satisfaction",
  "csat",
  "nps",
  "ces",
  "fcr",
  "first_response_minutes",
  "handle_minutes",
  "sla_compliance",
  "complaint_rate",
  "complaint_resolved",
  "promises_kept",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export interface MetricDefinition {
  key: MetricKey;
  label: string;
  /** Column in people_conversation_facts. */
  column: string;
  higherIsBetter: boolean;
  /** Each conversation's value is 0 or 1: a share (intervals use Wilson for the observed value). */
  binary: boolean;
  /** Maps a value onto 0–100 points (100 best); `reference` is the org's mean for unbounded metrics. */
  points: (value: number, reference: number) => number;
  /** The values a conversation can have: a mean's interval never reaches past them. */
  range: readonly [number, number];
}

/** Each metric's scale: QA 0–100, survey scales as asked, shares 0–1, times from 0 up. */
const RANGES: Record<MetricKey, readonly [number, number]> = {
  qa_auto: [0, 100],
  qa_human: [0, 100],
  predicted_satisfaction: [1, 5],
  csat: [1, 5],
  nps: [-100, 100],
  ces: [1, 7],
  fcr: [0, 1],
  first_response_minutes: [0, Number.POSITIVE_INFINITY],
  handle_minutes: [0, Number.POSITIVE_INFINITY],
  sla_compliance: [0, 1],
  complaint_rate: [0, 1],
  complaint_resolved: [0, 1],
  promises_kept: [0, 1],
};

const clamp = (x: number) => Math.max(0, Math.min(100, x));
/** Times have no natural scale: the org's mean scores 50, half of it 67, double it 33. */
const timePoints = (v: number, ref: number) => clamp(ref <= 0 ? 50 : (100 * ref) / (ref + v));

export const METRICS: Record<MetricKey, MetricDefinition> = {
  qa_auto: def("qa_auto", "Automatic QA", "qa_auto", true, false, (v) => clamp(v)),
  qa_human: def("qa_human", "Human QA", "qa_human", true, false, (v) => clamp(v)),
  predicted_satisfaction: def(
    "predicted_satisfaction",
    "Predicted satisfaction",
    "predicted_satisfaction",
    true,
    false,
    (v) => clamp(((v - 1) / 4) * 100),
  ),
  csat: def("csat", "CSAT", "csat", true, false, (v) => clamp(((v - 1) / 4) * 100)),
  nps: def("nps", "NPS", "nps", true, false, (v) => clamp((v + 100) / 2)),
  ces: def("ces", "Customer effort", "ces", false, false, (v) => clamp(((7 - v) / 6) * 100)),
  fcr: def("fcr", "First-contact resolution", "fcr", true, true, (v) => clamp(v * 100)),
  first_response_minutes: def(
    "first_response_minutes",
    "First response (min)",
    "first_response_minutes",
    false,
    false,
    timePoints,
  ),
  handle_minutes: def(
    "handle_minutes",
    "Handle time (min)",
    "handle_minutes",
    false,
    false,
    timePoints,
  ),
  sla_compliance: def("sla_compliance", "SLA compliance", "sla_compliance", true, true, (v) =>
    clamp(v * 100),
  ),
  complaint_rate: def("complaint_rate", "Complaint rate", "complaint_rate", false, true, (v) =>
    clamp((1 - v) * 100),
  ),
  complaint_resolved: def(
    "complaint_resolved",
    "Complaints resolved",
    "complaint_resolved",
    true,
    true,
    (v) => clamp(v * 100),
  ),
  promises_kept: def("promises_kept", "Promises kept", "promises_kept", true, true, (v) =>
    clamp(v * 100),
  ),
};

function def(
  key: MetricKey,
  label: string,
  column: string,
  higherIsBetter: boolean,
  binary: boolean,
  points: MetricDefinition["points"],
): MetricDefinition {
  return { key, label, column, higherIsBetter, binary, points, range: RANGES[key] };
}

export function isMetricKey(key: string): key is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(key);
}

/** Default weights (sum 1): what an org gets until an admin sets its own per role. */
export const DEFAULT_WEIGHTS: Partial<Record<MetricKey, number>> = {
  qa_auto: 0.2,
  qa_human: 0.15,
  predicted_satisfaction: 0.15,
  csat: 0.15,
  fcr: 0.15,
  sla_compliance: 0.05,
  promises_kept: 0.05,
  complaint_rate: 0.1,
};
