/**
 * Topic discovery for contact reasons: pure, deterministic with a seed, no I/O.
 */
export {
  clusterTopics,
  createTopicAssigner,
  type Topic,
  type TopicModel,
  type TopicOptions,
  type TopicResult,
} from "./topics.ts";
export { parseWordVectors, type WordVectors } from "./word-vectors.ts";
export { vectorPartOf, type VectorSpace } from "./vector-part.ts";
export { contentWords, stemWord, textTerms } from "./text-features.ts";
