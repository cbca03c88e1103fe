// One hostile web page: a short article with the benign sentence, and a payload placed where it bites —
// in the head, around the sentence, inside it, or replacing the whole page. Every page has its case token in
// its title and first heading, so the library finds it and no two pages have the same text.
import {
  BENIGN_SENTENCE,
  CLOSING,
  INTRO,
  caseTitle,
  escapeHtml,
  type HostileCategory,
  type Payloads,
} from './payloads';

export interface HtmlCase {
  category: HostileCategory;
  description: string;
  /** Markup for <head>, after the title. */
  head?: string;
  /** Attributes of <html> and <body>. */
  htmlAttributes?: string;
  bodyAttributes?: string;
  /** Markup before and after the sentence's paragraph, inside the article. */
  before?: string;
  after?: string;
  /** The sentence's paragraph's inner markup, when the payload sits among its words. */
  sentence?: string;
  /** Markup after the article, at the end of <body>. */
  trailer?: string;
  /** Text a payload legitimately leaves as words (see HostileDocument.payloadAsText). */
  payloadAsText?: boolean;
}

export type HtmlCaseMaker = (p: Payloads) => HtmlCase;

export function htmlPage(id: string, made: HtmlCase): string {
  const title = escapeHtml(caseTitle(id, made.description));
  return [
    '<!doctype html>',
    `<html lang="en"${made.htmlAttributes ? ` ${made.htmlAttributes}` : ''}>`,
    `<head><meta charset="utf-8"><title>${title}</title>${made.head ?? ''}</head>`,
    `<body${made.bodyAttributes ? ` ${made.bodyAttributes}` : ''}>`,
    '<article>',
    `<h1>${title}</h1>`,
    // The token opens the first paragraph too: an extractor drops a heading that repeats the title.
    `<p>Case file ${id}. ${INTRO}</p>`,
    made.before ?? '',
    `<p>${made.sentence ?? BENIGN_SENTENCE}</p>`,
    made.after ?? '',
    `<p>${CLOSING}</p>`,
    '</article>',
    made.trailer ?? '',
    '</body></html>',
    '',
  ].join('\n');
}

/** The sentence with one word (or phrase) wrapped in hostile markup: `wrap('inquiry', (w) => ...)`. */
export function aroundWords(phrase: string, wrap: (words: string) => string): string {
  const at = BENIGN_SENTENCE.indexOf(phrase);
  if (at < 0) throw new Error(`"${phrase}" is not in the benign sentence`);
  return BENIGN_SENTENCE.slice(0, at) + wrap(phrase) + BENIGN_SENTENCE.slice(at + phrase.length);
}
