// The language of a document, detected from its own words (not its file name or its template's lang tag).
// Detection is franc's: its trigram models and its distance, so results equal `francAll` on the same sample.
// franc itself compares every trigram of the sample with every language's model, 0.4 ms for 100 characters
// and 4 ms for 2,000, which alone would blow the import budget (10,000 articles in seconds); here the models
// are indexed by trigram once, so a sample costs one lookup per distinct trigram.
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import type { Block } from '../../../shared/domain';
import type { Found } from './types';

/**
 * franc's own cap is 2,048; a thousand characters of prose decide the corpus at half the cost (Dutch and
 * Afrikaans stay within a few thousandths of each other at any length, as in franc itself).
 */
const SAMPLE_LENGTH = 1000;
/** Below this the trigram statistics are noise: "He said no." is any language. */
const MIN_SAMPLE_LENGTH = 40;
/** Lines shorter than this are mostly navigation, credits and names, which carry little of the language. */
const MIN_SAMPLED_BLOCK = 25;
/** franc's penalty for a trigram a language's model lacks. */
const MAX_DIFFERENCE = 300;
/** franc reads at most this much of what it is given. */
const FRANC_MAX_LENGTH = 2048;

/** ISO 639-3 (franc) to BCP 47: the two-letter code where one exists; other languages keep their own code. */
const BCP47 = new Map(
  (
    'eng:en nld:nl spa:es por:pt fra:fr deu:de rus:ru vie:vi ita:it pol:pl ukr:uk tur:tr ron:ro ' +
    'ces:cs slk:sk hun:hu swe:sv dan:da nob:nb nno:nn fin:fi ekk:et lvs:lv lit:lt slv:sl hrv:hr ' +
    'bos:bs srp:sr bul:bg mkd:mk bel:be ell:el cat:ca glg:gl eus:eu afr:af als:sq ind:id zlm:ms ' +
    'tgl:tl swh:sw arb:ar pes:fa heb:he ydd:yi hin:hi urd:ur ben:bn mar:mr npi:ne pan:pa guj:gu ' +
    'tam:ta tel:te kan:kn mal:ml sin:si tha:th lao:lo khm:km mya:my cmn:zh jpn:ja kor:ko kat:ka ' +
    'hye:hy azj:az kaz:kk uzn:uz kir:ky tgk:tg tuk:tk tat:tt khk:mn amh:am tir:ti som:so hau:ha ' +
    'yor:yo ibo:ig zul:zu xho:xh sna:sn kin:rw lin:ln jav:jv sun:su epo:eo hat:ht uig:ug ' +
    'plt:mg nya:ny sot:st tsn:tn ewe:ee wol:wo bam:bm quy:qu'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

export function bcp47FromIso6393(code: string): string {
  return BCP47.get(code) ?? code;
}

let memo: { text: string; blocks: Block[]; result: Found<string> | undefined } | undefined;

/**
 * Detects the language of the document's own prose (boilerplate left out), or undefined when there is too
 * little text to tell. The last result is remembered, because the metadata pass asks too when it needs the
 * language to read a date like 08/11/2024.
 */
export function detectLanguage(text: string, blocks: Block[]): Found<string> | undefined {
  if (memo && memo.text === text && memo.blocks === blocks) return memo.result;
  const sample = sampleText(text, blocks);
  const ranked = sample.length < MIN_SAMPLE_LENGTH ? [] : preferCommonSibling(bestTwo(sample));
  const [best, next] = ranked;
  const result = best && {
    value: bcp47FromIso6393(best.code),
    evidence: {
      source: 'detected' as const,
      detail:
        `franc: ${best.code}` +
        (next ? ` (next: ${next.code} ${next.score.toFixed(3)})` : '') +
        `, from ${sample.length} characters of text`,
    },
  };
  memo = { text, blocks, result };
  return result;
}

/** The first prose of the document, without boilerplate; short lines only if there is nothing else. */
function sampleText(text: string, blocks: Block[]): string {
  const pick = (minLength: number) => {
    const parts: string[] = [];
    let length = 0;
    for (const block of blocks) {
      if (block.boilerplate || block.end - block.start < minLength) continue;
      const part = text.slice(block.start, Math.min(block.end, block.start + SAMPLE_LENGTH - length));
      parts.push(part);
      length += part.length + 1;
      if (length >= SAMPLE_LENGTH) break;
    }
    return parts.join(' ');
  };
  const sample = pick(MIN_SAMPLED_BLOCK);
  return sample.length >= MIN_SAMPLE_LENGTH ? sample : pick(1);
}

/**
 * Languages franc confuses with a close, far more widely written sibling: short English comes out as Scots,
 * Dutch as Afrikaans, by a few thousandths. On such a near tie the sibling is the better bet for the news,
 * reports and notes people import; a clear win for the smaller language stands.
 */
const COMMON_SIBLING: Record<string, string> = { sco: 'eng', afr: 'nld' };
const NEAR_TIE = 0.98;

function preferCommonSibling(ranked: RankedLanguage[]): RankedLanguage[] {
  const [best, next] = ranked;
  if (!best || !next || COMMON_SIBLING[best.code] !== next.code || next.score < NEAR_TIE) return ranked;
  return [
    { code: next.code, score: 1 },
    { code: best.code, score: next.score },
  ];
}

export interface RankedLanguage {
  /** ISO 639-3, as franc names it. */
  code: string;
  /** franc's normalised score: 1 for the best, less for the others. */
  score: number;
}

/** franc's `francAll(sample)`, best first (equal results; a test compares them). */
export function rankLanguages(sample: string): RankedLanguage[] {
  const scored = scoreLanguages(sample);
  if (!scored) return [];
  const { languages, distances } = scored;
  const order = languages.map((_, i) => i).sort((a, b) => distances[a]! - distances[b]!);
  return order.map((i) => ({ code: languages[i]!, score: normalise(scored, distances[i]!) }));
}

/** The first two of `rankLanguages`, without sorting a hundred languages. */
function bestTwo(sample: string): RankedLanguage[] {
  const scored = scoreLanguages(sample);
  if (!scored) return [];
  const { languages, distances } = scored;
  let first = 0;
  let second = -1;
  for (let i = 1; i < distances.length; i++) {
    if (distances[i]! < distances[first]!) [first, second] = [i, first];
    else if (second < 0 || distances[i]! < distances[second]!) second = i;
  }
  const ranked = [{ code: languages[first]!, score: 1 }];
  if (second >= 0) ranked.push({ code: languages[second]!, score: normalise(scored, distances[second]!) });
  return ranked;
}

interface Scored {
  languages: readonly string[];
  /** franc's distance of each language from the sample: lower is closer. */
  distances: Int32Array;
  min: number;
  sampleLength: number;
}

function normalise({ min, sampleLength }: Scored, distance: number): number {
  return 1 - (distance - min) / (sampleLength * MAX_DIFFERENCE - min) || 0;
}

function scoreLanguages(sample: string): Scored | undefined {
  const value = sample.slice(0, FRANC_MAX_LENGTH);
  const script = topScript(value);
  if (!script) return undefined;
  const model = scriptModel(script);
  if (!model) {
    // A script that one language alone writes (Hangul, Thai, …) names it.
    return { languages: [script], distances: new Int32Array(1), min: 0, sampleLength: value.length };
  }
  const distances = distancesFrom(value, model);
  return { languages: model.languages, distances, min: Math.min(...distances), sampleLength: value.length };
}

/**
 * The script most characters are written in, as franc decides it. franc runs some thirty regular
 * expressions over the sample; when plain Latin or Cyrillic letters alone are the majority no other script
 * can win, so that is settled by one pass over the character codes.
 */
function topScript(value: string): string | undefined {
  let latin = 0;
  let cyrillic = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) latin++;
    else if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) latin++;
    else if (c >= 0x400 && c <= 0x484) cyrillic++;
  }
  if (latin * 2 > value.length) return 'Latin';
  if (cyrillic * 2 > value.length) return 'Cyrillic';
  let best: string | undefined;
  let bestCount = -1;
  for (const [script, expression] of Object.entries(expressions)) {
    const count = value.match(expression)?.length ?? 0;
    if (count > bestCount) {
      bestCount = count;
      best = script;
    }
  }
  return bestCount > 0 ? best : undefined;
}

interface ScriptModel {
  languages: string[];
  /** By UTF-16 code: a small number for each character met, from 1; those of the models come first. */
  alphabet: Uint16Array;
  letters: number;
  /**
   * By packed trigram: where its entries start in `entryLanguage`/`entryRank`, times 256, plus how many
   * there are (one per language whose model has the trigram, so fewer than 256).
   */
  entries: Map<number, number>;
  entryLanguage: Uint8Array;
  entryRank: Int16Array;
}

/** Characters are packed ten bits each, three to a trigram, so a trigram is a small integer. */
const LETTER_BITS = 10;
const MAX_LETTERS = (1 << LETTER_BITS) - 1;
const KEY_MASK = (1 << (3 * LETTER_BITS)) - 1;
const scriptModels = new Map<string, ScriptModel | null>();

/**
 * Built on first use of a script (some 40,000 entries for Latin). This runs cold, once per process or
 * worker, so it is plain loops and one native sort: the entries, keyed by trigram, sorted, then grouped.
 */
function scriptModel(script: string): ScriptModel | null {
  const known = scriptModels.get(script);
  if (known !== undefined) return known;
  const models = data[script];
  let built: ScriptModel | null = null;
  if (models) {
    const languages = Object.keys(models);
    const strings = languages.map((language) => models[language] ?? '');
    const total = strings.reduce((sum, trigrams) => sum + Math.floor((trigrams.length + 1) / 4), 0);
    const model: ScriptModel = {
      languages,
      alphabet: new Uint16Array(0x10000),
      letters: 0,
      entries: new Map(),
      entryLanguage: new Uint8Array(total),
      entryRank: new Int16Array(total),
    };
    // Each entry as one number, trigram key first, so that a numeric sort groups a trigram's entries.
    const sorted = new Float64Array(total);
    let n = 0;
    for (let index = 0; index < strings.length; index++) {
      const trigrams = strings[index]!; // 'the|and|…', every trigram three characters
      for (let at = 0, rank = 0; at + 3 <= trigrams.length; at += 4, rank++) {
        let key = 0;
        for (let i = at; i < at + 3; i++)
          key = (key << LETTER_BITS) | letterOf(model, trigrams.charCodeAt(i));
        sorted[n++] = key * 0x20000 + index * 0x200 + rank; // rank < 512, languages < 256
      }
    }
    sorted.sort();
    for (let i = 0; i < total; i++) {
      const entry = sorted[i]!;
      const key = Math.floor(entry / 0x20000);
      model.entryLanguage[i] = Math.floor((entry % 0x20000) / 0x200);
      model.entryRank[i] = entry % 0x200;
      model.entries.set(key, (model.entries.get(key) ?? i * 256) + 1);
    }
    built = model;
  }
  scriptModels.set(script, built);
  return built;
}

/** The character's number, given on first sight; 0 once numbers run out (a sample of a thousand scripts). */
function letterOf(model: ScriptModel, code: number): number {
  const known = model.alphabet[code]!;
  if (known !== 0 || model.letters === MAX_LETTERS) return known;
  model.alphabet[code] = ++model.letters;
  return model.letters;
}

/** An open-addressing table of trigram counts, reused by every call and left empty after each (a sample
 * of 2,048 characters has fewer than 8,192 trigrams even when lower case lengthens it). */
const SLOTS = 8192;
const slotKeys = new Int32Array(SLOTS);
const slotCounts = new Int32Array(SLOTS);
const usedSlots = new Int32Array(SLOTS);

/**
 * franc's distance of each language from the sample. The sample is cleaned as trigram-utils does (ASCII
 * punctuation and digits become spaces, spaces collapse, lower case, one space around), then each trigram
 * is rolled into its key and counted; no substring is made. Plain loops over typed arrays: this is the
 * innermost work of every import.
 */
function distancesFrom(value: string, model: ScriptModel): Int32Array {
  const cleaned = cleanSample(value);
  const { alphabet } = model;
  let key = 0;
  let unknownAt = -3; // a character without a number: its trigrams are told apart by their text
  let foreign: Set<string> | undefined;
  let used = 0; // slots in use, listed in `usedSlots`
  for (let i = 0; i < cleaned.length; i++) {
    const code = cleaned[i]!;
    const letter = alphabet[code] || letterOf(model, code);
    if (letter === 0) unknownAt = i;
    key = ((key << LETTER_BITS) | letter) & KEY_MASK;
    if (i < 2) continue;
    if (unknownAt > i - 3) {
      (foreign ??= new Set()).add(String.fromCharCode(cleaned[i - 2]!, cleaned[i - 1]!, code));
      continue;
    }
    let slot = (Math.imul(key, 0x9e3779b1) >>> 19) & (SLOTS - 1);
    while (slotKeys[slot] !== 0 && slotKeys[slot] !== key + 1) slot = (slot + 1) & (SLOTS - 1);
    if (slotKeys[slot] === 0) {
      slotKeys[slot] = key + 1;
      usedSlots[used++] = slot;
    }
    slotCounts[slot]!++;
  }
  const distinct = used + (foreign?.size ?? 0);
  const distances = new Int32Array(model.languages.length).fill(distinct * MAX_DIFFERENCE);
  const { entries, entryLanguage, entryRank } = model;
  for (let u = 0; u < used; u++) {
    const slot = usedSlots[u]!;
    const count = slotCounts[slot]!;
    const found = entries.get(slotKeys[slot]! - 1);
    slotKeys[slot] = 0;
    slotCounts[slot] = 0;
    if (found === undefined) continue;
    // One entry per language that has the trigram: franc's |count - rank - 1| replaces the flat penalty.
    for (let e = found >> 8, end = e + (found & 0xff); e < end; e++) {
      const rank = entryRank[e]!;
      distances[entryLanguage[e]!]! += (count > rank ? count - rank - 1 : rank + 1 - count) - MAX_DIFFERENCE;
    }
  }
  return distances;
}

/** The sample as trigram-utils cleans it, as character codes. */
function cleanSample(value: string): Uint16Array {
  const lower = value.toLowerCase();
  const cleaned = new Uint16Array(lower.length + 2);
  let length = 0;
  cleaned[length++] = 32;
  let spacePending = false;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if ((code >= 0x21 && code <= 0x40) || isWhitespace(code)) {
      spacePending = length > 1; // leading space is trimmed
    } else {
      if (spacePending) cleaned[length++] = 32;
      spacePending = false;
      cleaned[length++] = code;
    }
  }
  cleaned[length++] = 32;
  return cleaned.subarray(0, length);
}

/** JavaScript's `\s`, which trigram-utils collapses. */
function isWhitespace(code: number): boolean {
  if (code < 0xa0) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
