/** The VADER lexicon module of the vader-sentiment package (plain ESM, shipped without types). */
declare module "vader-sentiment/src/vader_lexicon.js" {
  /** Token → mean rater valence on -4..4 (words, slang and emoticons). */
  export const lexicon: Record<string, number>;
}
