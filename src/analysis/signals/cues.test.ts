import { describe, expect, it } from "vitest";
import { LexemeTable } from "../lexeme.ts";
import { tokenize } from "../text/tokenize.ts";
import { WordTable } from "../text/words.ts";
import { compileCues, expandPhrase, matchCues, type CueCompiler } from "./cues.ts";
import { combineMatches } from "./combine.ts";

describe("expandPhrase", () => {
  it("expands alternatives, with an empty alternative as optional", () => {
    expect(expandPhrase("i [am|'m] [so|] sorry")).toEqual([
      "i am so sorry",
      "i am sorry",
      "i 'm so sorry",
      "i 'm sorry",
    ]);
  });

  it("keeps a phrase without alternatives", () => {
    expect(expandPhrase("  rules   are rules ")).toEqual(["rules are rules"]);
  });
});

/** A word table of its own, so these cues are matched apart from the built-in ones. */
function newCompiler(): CueCompiler {
  return { words: new WordTable(new LexemeTable()), pieces: new Map() };
}

describe("matchCues", () => {
  const compiler = newCompiler();
  const cues = compileCues(
    [
      {
        signals: {
          demo: {
            cues: [
              { w: 0.6, p: ["speak to * manager"] },
              { w: 0.3, negatable: true, p: ["good"] },
              { w: 0.5, requireInSentence: ["you"], p: ["idiot"] },
            ],
            exclude: ["account manager"],
          },
          other: { cues: [{ w: 0.9, p: ["im sorry"] }], veto: ["because"] },
        },
      },
    ],
    compiler,
  );
  compiler.words.clear();
  const run = (text: string) =>
    combineMatches(text, matchCues(tokenize(text, compiler.words), cues));

  it("matches wildcards, normalised chat spellings and ignores punctuation inside a phrase", () => {
    expect(run("Let me speak to your manager!").get(0)?.evidence[0]?.text).toBe(
      "speak to your manager",
    );
    expect(run("I'm, sorry").get(1)?.evidence[0]?.text).toBe("I'm, sorry");
  });

  it("never matches across a sentence boundary", () => {
    expect(run("Let me speak to. Your manager").get(0)).toBeUndefined();
  });

  it("drops negated cues, cues missing their required word, excluded and vetoed cues", () => {
    expect(run("not good").get(0)).toBeUndefined();
    expect(run("good").get(0)?.score).toBeCloseTo(0.3);
    expect(run("what an idiot").get(0)).toBeUndefined();
    expect(run("you idiot").get(0)?.score).toBeCloseTo(0.5);
    expect(run("speak to account manager").get(0)).toBeUndefined();
    expect(run("im sorry because reasons").get(1)).toBeUndefined();
  });

  it("combines separate matches with noisy-OR and counts overlapping ones once", () => {
    expect(run("good and good").get(0)?.score).toBeCloseTo(1 - 0.7 * 0.7);
  });

  it("rejects out-of-range weights", () => {
    expect(() =>
      compileCues([{ signals: { bad: { cues: [{ w: 1.5, p: ["x"] }] } } }], newCompiler()),
    ).toThrow();
  });
});
