// The language of a document, detected from its own words (not its file name or its template's lang tag).
// Detection is franc's: its trigram models and its distance, so results equal `francAll` on the same sample.
// franc itself compares every trigram of the sample with every language's model, 0.4 ms for 100 characters
// and 4 ms for 2,000, which alone would blow the import budget (10,000 articles in seconds); here the models
// are indexed by trigram once, so a sample costs one lookup per distinct trigram.
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import type { Block } from '../../../shared/domain';
import type { Found } from './types';

/** franc's own cap is 2,048; a thousand characters of prose already decide between close languages. */
const SAMPLE_LENGTH = 1000;
/** Below this the trigram statistics are noise: "He said no." is any language. */
const MIN_SAMPLE_LENGTH = 40;
/** Lines shorter than this are mostly navigation, credits and names, which carry little of the language. */
const MIN_SAMPLED_BLOCK = 25;
/** franc's penalty for a trigram a language's model lacks. */
const MAX_DIFFERENCE = 300;

/** ISO 639-3 (franc) to BCP 47: the two-letter code where one exists; other languages keep their own code. */
const BCP47: Readonly<Record<string, string>> = {
  eng: 'en', nld: 'nl', spa: 'es', por: 'pt', fra: 'fr', deu: 'de', rus: 'ru', vie: 'vi', ita: 'it',
  pol: 'pl', ukr: 'uk', tur: 'tr', ron: 'ro', ces: 'cs', slk: 'sk', hun: 'hu', swe: 'sv', dan: 'da',
  nob: 'nb', nno: 'nn', fin: 'fi', ekk: 'et', lvs: 'lv', lit: 'lt', slv: 'sl', hrv: 'hr', bos: 'bs',
  srp: 'sr', bul: 'bg', mkd: 'mk', bel: 'be', ell: 'el', cat: 'ca', glg: 'gl', eus: 'eu', afr: 'af',
  als: 'sq', ind: 'id', zlm: 'ms', tgl: 'tl', swh: 'sw', arb: 'ar', pes: 'fa', heb: 'he', ydd: 'yi',
  hin: 'hi', urd: 'ur', ben: 'bn', mar: 'mr', npi: 'ne', pan: 'pa', guj: 'gu', tam: 'ta', tel: 'te',
  kan: 'kn', mal: 'ml', sin: 'si', tha: 'th', lao: 'lo', khm: 'km', mya: 'my', cmn: 'zh', jpn: 'ja',
  kor: 'ko', kat: 'ka', hye: 'hy', azj: 'az', kaz: 'kk', uzn: 'uz', kir: 'ky', tgk: 'tg', tuk: 'tk',
  tat: 'tt', khk: 'mn', amh: 'am', tir: 'ti', som: 'so', hau: 'ha', yor: 'yo', ibo: 'ig', zul: 'zu',
  xho: 'xh', sna: 'sn', kin: 'rw', lin: 'ln', jav: 'jv', sun: 'su', epo: 'eo', hat: 'ht', uig: 'ug',
  ckb: 'ckb', plt: 'mg', nya: 'ny', sot: 'st', tsn: 'tn', ewe: 'ee', wol: 'wo', bam: 'bm', quy: 'qu',
};

export function bcp47FromIso6393(code: string): string {
  return BCP47[code] ?? code;
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
  const ranked = sample.length < MIN_SAMPLE_LENGTH ? [] : rankLanguages(sample);
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

export interface RankedLanguage {
  /** ISO 639-3, as franc names it. */
  code: string;
  /** franc's normalised score: 1 for the best, less for the others. */
  score: number;
}

/** franc's `francAll(sample)`, best first (equal results; see the test that compares them). */
export function rankLanguages(sample: string): RankedLanguage[] {
  const value = sample.slice(0, 2048);
  const script = topScript(value);
  if (!script) return [];
  const model = scriptModel(script);
  if (!model) return [{ code: script, score: 1 }]; // a script one language writes (Hangul, Thai, …)
  const counts = trigramCounts(value);
  const distances = new Float64Array(model.languages.length).fill(counts.size * MAX_DIFFERENCE);
  for (const [trigram, count] of counts) {
    const postings = model.postings.get(trigram);
    if (!postings) continue;
    for (let i = 0; i < postings.length; i += 2) {
      const language = postings[i] as number;
      const rank = postings[i + 1] as number;
      distances[language] = (distances[language] as number) + Math.abs(count - rank - 1) - MAX_DIFFERENCE;
    }
  }
  const order = model.languages.map((_, i) => i).sort((a, b) => (distances[a] as number) - (distances[b] as number));
  const min = distances[order[0] as number] as number;
  const max = value.length * MAX_DIFFERENCE - min;
  return order.map((i) => ({
    code: model.languages[i] as string,
    score: 1 - ((distances[i] as number) - min) / max || 0,
  }));
}

/**
 * The script most characters are written in, as franc decides it. Its test runs some thirty regular
 * expressions over the sample; when plain Latin or Cyrillic letters alone are the majority no other script
 * can win, so that is settled by one pass over the character codes.
 */
function topScript(value: string): string | undefined {
  let latin = 0;
  let cyrillic = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) latin++;
    else if (c >= 0x1e00 && c <= 0x1eff) latin++;
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
  /** For each trigram, pairs of (index into `languages`, the trigram's rank in that language's model). */
  postings: Map<number, Int32Array>;
}

const scriptModels = new Map<string, ScriptModel | null>();

/** Built on first use of a script: some 40,000 entries for Latin, a few milliseconds once per process. */
function scriptModel(script: string): ScriptModel | null {
  const known = scriptModels.get(script);
  if (known !== undefined) return known;
  const models = data[script];
  let built: ScriptModel | null = null;
  if (models) {
    const languages = Object.keys(models);
    const lists = new Map<number, number[]>();
    languages.forEach((language, index) => {
      (models[language] ?? '').split('|').forEach((trigram, rank) => {
        const key = trigramKey(trigram, 0);
        const list = lists.get(key);
        if (list) list.push(index, rank);
        else lists.set(key, [index, rank]);
      });
    });
    const postings = new Map<number, Int32Array>();
    for (const [key, list] of lists) postings.set(key, Int32Array.from(list));
    built = { languages, postings };
  }
  scriptModels.set(script, built);
  return built;
}

/** Three UTF-16 code units packed into one number: a Map keyed by numbers needs no substring per trigram. */
function trigramKey(value: string, at: number): number {
  return value.charCodeAt(at) * 0x100000000 + value.charCodeAt(at + 1) * 0x10000 + value.charCodeAt(at + 2);
}

/** trigram-utils' cleaning (ASCII punctuation and digits out, spaces collapsed, lower case), then counts. */
function trigramCounts(value: string): Map<number, number> {
  const cleaned = ` ${value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 <= cleaned.length; i++) {
    const key = trigramKey(cleaned, i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
