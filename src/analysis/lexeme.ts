/**
 * One record per known normalised word, shared by every scorer.
 *
 * The rule layer, the merged linear models, the complaint cues and the politeness phrases each
 * fill their fields into the same record at module load. The tokenizer resolves each word's record
 * once (Token.lex, through the word table in text/words.ts), and every scorer reads it from there.
 */

/** A rule-layer idiom ("no worries", "waste of time"), indexed by its first word. */
export interface Idiom {
  words: string[];
  value: number;
  negatorIdiom: boolean;
}

/** A politeness marker phrase, indexed by its first word. */
export interface Phrase {
  words: string[];
  weight: number;
  key: string;
  /** Call stamp of the last message in which it fired (each phrase counts once per message). */
  stamp: number;
}

export interface Lexeme {
  /** The rule layer knows this word (valence, negator, contrast or idiom head). */
  rule: boolean;
  valence: number;
  negator: boolean;
  contrast: number | undefined;
  idioms: Idiom[] | undefined;
  /** Model vocabulary rows of the word and of its negated form, or -1. */
  row: number;
  negRow: number;
  /** Complaint cue class (0: none). */
  cue: number;
  /** Politeness phrases starting with this word. */
  phrases: Phrase[] | undefined;
  /** "please", "pls" or "kindly". */
  please: boolean;
  /** A second-person word ("you", "your", "u"…): the sentence addresses someone. */
  secondPerson: boolean;
  /**
   * Valence of the rule layer's second lexicon channel: VADER's rating (-4..4) after Rapport's
   * service-text damping, 0 when absent. Shifted by the same context rules as `valence`.
   */
  vader: number;
  /**
   * Id of the word in signal cue tries (signals/cues.ts), or -1. Cue words get a record even when
   * no scorer knows them, so a record may hold only defaults: test fields, not presence.
   */
  cueId: number;
  /** Service-failure word classes (service-failure.ts), a bit set; 0: none. */
  sf: number;
}

/** Normalised word → its record; only words some table knows are present. */
export const LEXEMES = new Map<string, Lexeme>();

/** The record of `norm`, created (empty) when missing. For module-load use only. */
export function lexeme(norm: string): Lexeme {
  let lex = LEXEMES.get(norm);
  if (lex === undefined) {
    lex = {
      rule: false,
      valence: 0,
      negator: false,
      contrast: undefined,
      idioms: undefined,
      row: -1,
      negRow: -1,
      cue: 0,
      phrases: undefined,
      please: false,
      secondPerson: false,
      vader: 0,
      cueId: -1,
      sf: 0,
    };
    LEXEMES.set(norm, lex);
  }
  return lex;
}

/** Tables that add lexeme records on first use rather than at module load (see loadLexemesLater). */
const pendingLoaders: (() => void)[] = [];

/**
 * Defers a table that adds lexeme records (signal cue tries, say) until the first word is looked
 * up. The tokenizer runs pending loaders before it resolves any word (text/words.ts), so every
 * token carries the same record as it would had the table been built at import: outputs do not
 * depend on when the loader ran. A loader may tokenize; it is taken off the list before it runs.
 */
export function loadLexemesLater(load: () => void): void {
  pendingLoaders.push(load);
}

/** Runs the loaders deferred by loadLexemesLater, oldest first. */
export function runPendingLexemeLoaders(): void {
  for (let load = pendingLoaders.shift(); load !== undefined; load = pendingLoaders.shift()) load();
}

/** Whether a deferred loader has yet to run (one length read: the tokenizer asks every call). */
export function hasPendingLexemeLoaders(): boolean {
  return pendingLoaders.length > 0;
}
