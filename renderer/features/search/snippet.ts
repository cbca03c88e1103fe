// A search result's snippet marks its matches with MATCH_START and MATCH_END (shared/search.ts). It is split
// here into plain parts and marked parts, which the dialog renders as text and <mark> elements: the snippet
// is never treated as HTML, so markup inside a document stays text.
import { MATCH_END, MATCH_START } from '../../../shared/search';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** The snippet's parts in order; an unclosed mark runs to the end, stray marks are dropped, empty parts too. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    const last = parts.at(-1);
    if (text && last?.match === match) last.text += text;
    else if (text) parts.push({ text, match });
    text = '';
  };
  for (const char of snippet) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      match = char === MATCH_START;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}
