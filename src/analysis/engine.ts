/**
 * The engine object: everything the analysis builds from its data and keeps between messages.
 *
 * `createEngine(data)` builds, in one fixed order, the lexeme table every scorer reads (rule layer,
 * merged models, complaint cues, politeness phrases, service-failure classes, signal cue ids), the
 * tokenizer's word table over it, the compiled signal tries, and the per-engine caches and call
 * stamps. Nothing is built at import: the functions of index.ts use a default engine built on the
 * first call (defaultEngine), which costs what the deferred tables cost before (~0.3 s of CPU).
 * Engines share nothing mutable, so two engines built from the same data give the same results.
 *
 * The scorers import defaultEngineState for their default parameter, and engine.ts imports them:
 * so that no import order can read a binding before its module ran, this module reads none of its
 * imports at top level (it only defines functions).
 */
import { analyzeMessageDetail } from "./analyze-message.ts";
import { addComplaintLexemes } from "./complaint.ts";
import type { ConversationOptions } from "./conversation.ts";
import { LexemeTable } from "./lexeme.ts";
import { builtInPackedModels } from "./built-in-models.ts";
import { createModelState, type ModelState } from "./message-models.ts";
import type { PackedModels } from "./packed-models.ts";
import { addPolitenessLexemes, type PolitenessState } from "./politeness.ts";
import { addRuleLexemes } from "./sentiment-rules.ts";
import { addServiceFailureLexemes } from "./service-failure-words.ts";
import {
  BUILT_IN_SIGNAL_CUES,
  compileRoles,
  type CompiledRoles,
  type SignalCueSet,
} from "./signals/detect-signals.ts";
import {
  analyzeConversation,
  createConversationAnalyzer,
  type ConversationAnalyzer,
} from "./stream.ts";
import { WordTable } from "./text/words.ts";
import type { ConversationAnalysis, MessageAnalysis, MessageInput } from "./types.ts";

/**
 * The data an engine is built from. The fitted models must have the built-in outputs (the scorers
 * read them by position). The rule layer's lexicons, the politeness, complaint and service-failure
 * word lists are read from `data/en/` by their modules and are the same for every engine.
 */
export interface EngineData {
  /**
   * The sentiment, emotions and complaint models (`models/*.json`), packed: `packModels(models)`
   * checks their outputs. Read, never written: engines built from the same data share it.
   */
  models: PackedModels;
  /** Signal cue phrases per role (`data/en/signals-*.json`). */
  signals: SignalCueSet;
}

/** The data shipped with Rapport: what the default engine is built from. */
export function builtInEngineData(): EngineData {
  return { models: builtInPackedModels(), signals: BUILT_IN_SIGNAL_CUES };
}

/** What an engine's scorers read and update; they take it as their last argument. */
export interface EngineState {
  /** The tokenizer's word table, over the engine's lexeme table (`words.lexemes`). */
  words: WordTable;
  models: ModelState;
  signals: CompiledRoles;
  politeness: PolitenessState;
}

/** An analysis engine built from its data; see {@link createEngine}. */
export interface Engine {
  /** See {@link import("./index.ts").analyzeMessage}. */
  analyzeMessage(input: MessageInput): MessageAnalysis;
  /** See {@link import("./index.ts").analyzeConversation}. */
  analyzeConversation(
    messages: Iterable<MessageInput>,
    options?: ConversationOptions,
  ): ConversationAnalysis;
  /** See {@link import("./index.ts").createConversationAnalyzer}. */
  createConversationAnalyzer(options?: ConversationOptions): ConversationAnalyzer;
}

function buildState(data: EngineData): EngineState {
  const lexemes = new LexemeTable();
  addServiceFailureLexemes(lexemes);
  addComplaintLexemes(lexemes);
  const politeness = addPolitenessLexemes(lexemes);
  addRuleLexemes(lexemes);
  const models = createModelState(lexemes, data.models);
  const words = new WordTable(lexemes);
  // Compiling the cues tokenizes their phrases and adds records: the word table is emptied after,
  // so every entry it holds from then on copies the finished records.
  const signals = compileRoles(data.signals, words);
  words.clear();
  return { words, models, signals, politeness };
}

function engineOver(state: EngineState): Engine {
  return {
    analyzeMessage: (input) => analyzeMessageDetail(input, state).analysis,
    analyzeConversation: (messages, options) => analyzeConversation(state, messages, options),
    createConversationAnalyzer: (options) => createConversationAnalyzer(state, options),
  };
}

/**
 * Builds an engine from `data` (Rapport's own by default). Deterministic: the same data and input
 * give the same output in any engine, whatever was analysed before. Building costs ~0.3 s of CPU;
 * an engine is meant to be built once and reused.
 *
 * @example
 * const engine = createEngine();
 * engine.analyzeMessage({ text: "Thanks, that fixed it!" }).sentiment.label; // "positive"
 */
export function createEngine(data: EngineData = builtInEngineData()): Engine {
  return engineOver(buildState(data));
}

let sharedState: EngineState | undefined;
let sharedEngine: Engine | undefined;

/** The default engine's state, built from the built-in data on first use: the scorers' default. */
export function defaultEngineState(): EngineState {
  return (sharedState ??= buildState(builtInEngineData()));
}

/** The engine of index.ts's functions (the default engine). */
export function defaultEngine(): Engine {
  return (sharedEngine ??= engineOver(defaultEngineState()));
}
