/**
 * The models shipped in `models/` (scripts/train-analysis.ts writes them), packed for an engine.
 *
 * The production build replaces this module with one that holds them already packed, serialised at
 * build time (scripts/build.mjs, "packed-models"), so the built app does not load the JSON.
 */
import sentimentJson from "./models/sentiment.json" with { type: "json" };
import emotionsJson from "./models/emotions.json" with { type: "json" };
import complaintJson from "./models/complaint.json" with { type: "json" };
import type { LinearModelJson } from "./linear-model.ts";
import { packModels, type ModelSet, type PackedModels } from "./packed-models.ts";

export const BUILT_IN_MODELS: ModelSet = {
  sentiment: sentimentJson as LinearModelJson,
  emotions: emotionsJson as LinearModelJson,
  complaint: complaintJson as LinearModelJson,
};

let packed: PackedModels | undefined;

/** The built-in models packed, on first use (every engine built from them shares the table). */
export function builtInPackedModels(): PackedModels {
  return (packed ??= packModels(BUILT_IN_MODELS));
}
