/** A transcript speaker's part in the call (internal notes are never spoken). */
export type SpeakerRole = "customer" | "agent" | "bot";

/*
 * Who is the agent? Transcripts name speakers "spk_0", "ch_1", "Sarah" or "Agent"; only the last
 * says the role. Without `speakerRoles` we decide per speaker, strongest evidence first:
 *   1. the label itself ("Agent", "Representative", "Caller", "Customer", "IVR", "Bot");
 *   2. what the speaker says in their first few utterances: a call-centre agent opens with a
 *      greeting ("thank you for calling", "how can I help", "you're speaking with"), a customer
 *      with their problem ("I'm calling about", "my order");
 *   3. otherwise the speaker who speaks first is the agent: an inbound call-centre recording
 *      starts when the agent picks up and greets.
 * Exactly one unmapped speaker becomes the agent (unless `speakerRoles` already names one); the
 * rest are customers. This is a heuristic: pass `speakerRoles` whenever the source knows better.
 */

const LABEL_HINTS: { pattern: RegExp; role: SpeakerRole }[] = [
  { pattern: /\b(ivr|bot|virtual assistant|automated)\b/i, role: "bot" },
  {
    pattern:
      /\b(agent|rep|representative|operator|advisor|adviser|csr|support|associate|specialist)\b/i,
    role: "agent",
  },
  { pattern: /\b(customer|caller|client|consumer|member|user)\b/i, role: "customer" },
];

const AGENT_OPENERS = [
  /\bthank(s| you) for (calling|contacting|holding|waiting)\b/i,
  /\bhow (can|may|might) i (help|assist)\b/i,
  /\bwhat can i do for you\b/i,
  /\byou('ve| have) reached\b/i,
  /\byou('re| are) (speaking|talking) (with|to)\b/i,
  /\bwelcome to\b/i,
  /\bthis call (may|will|is) (be )?recorded\b/i,
  /\bmy name is \w+,? (and )?(how|i('ll| will)|what)\b/i,
  /\bcan i (have|get) your (name|account|order|reference)\b/i,
];

const CUSTOMER_OPENERS = [
  /\bi('m| am) calling (about|because|to|regarding)\b/i,
  /\bi('m| am) (having|facing) (a |an |some )?(problem|issue|trouble)\b/i,
  /\bmy (order|parcel|package|account|bill|card|internet|router|phone)\b/i,
  /\bi (want|need|would like) to (cancel|complain|speak|talk|know|return)\b/i,
  /\bi (called|rang) (before|yesterday|last week)\b/i,
];

/** How many of a speaker's first utterances are read for greeting cues. */
const OPENING_UTTERANCES = 3;

/**
 * Maps every speaker in `utterances` to a role: `explicit` wins; the rest follow the heuristic
 * above. Returns a Map in order of first appearance.
 */
export function assignSpeakerRoles(
  utterances: readonly { speaker: string; text: string }[],
  explicit: Readonly<Record<string, SpeakerRole>>,
): Map<string, SpeakerRole> {
  const speakers: string[] = [];
  const opening = new Map<string, string[]>();
  for (const u of utterances) {
    let texts = opening.get(u.speaker);
    if (!texts) {
      texts = [];
      opening.set(u.speaker, texts);
      speakers.push(u.speaker);
    }
    if (texts.length < OPENING_UTTERANCES) texts.push(u.text);
  }

  const roles = new Map<string, SpeakerRole>();
  const undecided: string[] = [];
  for (const speaker of speakers) {
    const given = Object.hasOwn(explicit, speaker) ? explicit[speaker] : undefined;
    const hinted = given ?? LABEL_HINTS.find((h) => h.pattern.test(speaker))?.role;
    if (hinted) roles.set(speaker, hinted);
    else undecided.push(speaker);
  }

  const hasAgent = [...roles.values()].includes("agent");
  let agent: string | undefined;
  if (!hasAgent && undecided.length > 0) {
    // Highest greeting score wins; ties go to whoever spoke first (undecided keeps speaking order).
    let best = Number.NEGATIVE_INFINITY;
    for (const speaker of undecided) {
      const score = scoreAgentOpening(opening.get(speaker) ?? []);
      if (score > best) {
        best = score;
        agent = speaker;
      }
    }
  }
  for (const speaker of undecided) roles.set(speaker, speaker === agent ? "agent" : "customer");
  // Re-insert in order of first appearance (hinted and heuristic speakers were set in two passes).
  return new Map(speakers.map((s) => [s, roles.get(s) ?? "customer"]));
}

/** Diarization and channel labels ("spk_0", "Speaker 2", "ch_1") or a label naming a role. */
export function isSpeakerLikeLabel(label: string): boolean {
  return (
    /^(spk|speaker|ch|channel)[ _-]?\d+$/i.test(label) ||
    LABEL_HINTS.some((h) => h.pattern.test(label))
  );
}

/** Agent greeting cues minus customer problem cues in a speaker's opening utterances. */
export function scoreAgentOpening(texts: readonly string[]): number {
  const text = texts.join(" ");
  const agent = AGENT_OPENERS.filter((p) => p.test(text)).length;
  const customer = CUSTOMER_OPENERS.filter((p) => p.test(text)).length;
  return agent - customer;
}
