/**
 * One record per known normalised word, shared by every scorer.
 *
 * The rule layer, the merged linear models, the complaint cues, the politeness phrases, the
 * service-failure classes and the signal cues each fill their fields into the same record while an
 * engine is built (createEngine in engine.ts); each engine has its own table. The tokenizer resolves
 * each word's record once (Token.lex, through the word table in text/words.ts), and every scorer
 * reads it from there.
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
  /**
   * Call stamp of the last message in which it fired (each phrase counts once per message). The
   * phrase records belong to one engine, so the stamp is that engine's (politeness.ts).
   */
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

/**
 * Normalised word → its record, for one engine (engine.ts): only words some table knows are
 * present. Filled while the engine is built, then only read.
 */
export class LexemeTable {
  readonly records = new Map<string, Lexeme>();
  /** Signal cue ids handed out so far (signals/cues.ts), shared by every compiled role. */
  cueIds = 0;

  /** The record of `norm`, or undefined when no table knows the word. */
  get(norm: string): Lexeme | undefined {
    return this.records.get(norm);
  }

  /** The record of `norm`, created (empty) when missing. For building the engine only. */
  add(norm: string): Lexeme {
    let lex = this.records.get(norm);
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
      this.records.set(norm, lex);
    }
    return lex;
  }
}
