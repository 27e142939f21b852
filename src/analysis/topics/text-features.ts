/**
 * Turns short customer messages into the terms the topic model counts: lowercase words with
 * greetings, handles, links, numbers, template slots ("{{Order Number}}") and redaction
 * placeholders ("[PHONE]", "[CARD]": what was removed, not what the customer said) dropped, a
 * light English stemmer (so "charged", "charges" and "charging" meet), stop words removed, plus
 * adjacent-pair bigrams for phrases such as "card arrive" that carry more than either word.
 *
 * The stop-word list and stemmer are written here from general English, not fitted to any data set,
 * so they hold across domains (docs/insights.md).
 */

const STOP_WORDS = new Set(
  (
    "a about above after again against all am an and any are aren't as at be because been before being " +
    "below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't " +
    "down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's " +
    "her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it " +
    "it's its itself let's me more most mustn't my myself no nor not of on once only or other ought " +
    "our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such " +
    "than that that's the their theirs them themselves then there there's these they they'd they'll " +
    "they're they've this those through to too under until very was wasn't we we'd we'll we're we've " +
    "were weren't what what's when when's where where's which while who who's whom why why's with won't " +
    "would wouldn't you you'd you'll you're you've your yours yourself yourselves " +
    // Chat filler and politeness that every reason shares.
    "hi hello hey thanks thank please pls plz ok okay yes yeah just also still really get got " +
    "would could will shall may might must want need like know im ive dont cant wont id u ur " +
    "can one two now today yesterday tomorrow again even much many well way lot something anything " +
    "someone anyone help " +
    // Spoken fillers, as transcripts write them.
    "uh huh um umm mm mhm hm hmm ah oh er erm"
  ).split(" "),
);

/**
 * Particles of phrasal verbs ("top up", "log off"): kept as terms because the pair names the
 * reason, but they name nothing alone.
 */
export const PARTICLES: ReadonlySet<string> = new Set(["up", "off"]);

/** Whether a lowercase word is a stop word or chat filler that names no reason. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Suffixes stripped longest first; each keeps a stem of at least three letters. */
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["ational", "ate"],
  ["ization", "ize"],
  ["fulness", "ful"],
  ["iveness", "ive"],
  ["ations", "ate"],
  ["ation", "ate"],
  ["ments", ""],
  ["ment", ""],
  ["ness", ""],
  ["ings", ""],
  ["ing", ""],
  ["ies", "y"],
  ["ied", "y"],
  ["edly", ""],
  ["ed", ""],
  ["ers", "er"],
  ["ly", ""],
  ["es", "e"],
  ["s", ""],
];

/**
 * A light English stemmer: one suffix off, doubled final consonants undone ("stopped" → "stop"), a
 * final "e" dropped so "charge" and "charged" share "charg".
 */
export function stemWord(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith("ss")) return w;
  for (const [suffix, repl] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, w.length - suffix.length) + repl;
      break;
    }
  }
  const n = w.length;
  if (n >= 4 && w[n - 1] === w[n - 2] && !"lsz".includes(w[n - 1] ?? "")) w = w.slice(0, -1);
  if (w.length >= 4 && w.endsWith("e")) w = w.slice(0, -1);
  if (w.length >= 4 && w.endsWith("y")) w = `${w.slice(0, -1)}i`;
  return w;
}

const WORD = /[\p{L}][\p{L}'’]*/gu;
const DROP = /(?:https?:\/\/\S+|www\.\S+|[@#]\w+|\{\{[^}]*\}\}|\[[a-z_]+\]|\S+@\S+\.\S+)/gu;

/** Titles before a person's name: the title and the name after it name no reason. */
const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr"]);

/** Visits each content word of a text, in order: its stem and the word as written (lowercase). */
function eachContentWord(text: string, visit: (stem: string, word: string) => void): void {
  const cleaned = text.toLowerCase().replace(DROP, " ");
  let afterTitle = false;
  for (const m of cleaned.matchAll(WORD)) {
    const raw = m[0].replace(/’/g, "'");
    const name = afterTitle;
    afterTitle = TITLES.has(raw);
    if (name || afterTitle || raw.length < 2 || STOP_WORDS.has(raw)) continue;
    const bare = raw.endsWith("'s") ? raw.slice(0, -2) : raw;
    if (STOP_WORDS.has(bare) || bare.includes("'")) continue;
    visit(stemWord(bare), bare);
  }
}

/** The stemmed content words of a text, in order (stop words and one-letter words dropped). */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  eachContentWord(text, (stem) => out.push(stem));
  return out;
}

/**
 * The most frequent written form of each stem in `texts` ("deliveri" → "delivery"; ties go to the
 * form seen first), so that labels read as words.
 */
export function writtenForms(texts: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    eachContentWord(text, (stem, word) => {
      const forms = counts.get(stem) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      counts.set(stem, forms);
    });
  }
  const best = new Map<string, string>();
  for (const [stem, forms] of counts) {
    let top = "";
    let n = 0;
    for (const [word, c] of forms) if (c > n) [top, n] = [word, c];
    best.set(stem, top);
  }
  return best;
}

/** A term ("activat cod") in its written words ("activation code"). */
export function writtenTerm(term: string, forms: Map<string, string>): string {
  return term
    .split(" ")
    .map((stem) => forms.get(stem) ?? stem)
    .join(" ");
}

/** Unigrams and adjacent bigrams ("card arriv") of a text's content words. */
export function textTerms(text: string): string[] {
  const words = contentWords(text);
  const terms = words.slice();
  for (let i = 0; i + 1 < words.length; i++) terms.push(`${words[i]} ${words[i + 1]}`);
  return terms;
}
