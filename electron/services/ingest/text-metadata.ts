// Bibliographic facts stated in the text itself: the headline, "Source:" lines, outlet lines and datelines.
// Text saved by hand from the web keeps these as ordinary lines; they are read here with the evidence they
// came from, and a fact the text does not state is left out, never guessed.
import type { Block } from '../../../shared/domain';
import type { ExtractedMetadata } from './types';

export function extractTextMetadata(text: string, blocks: Block[]): ExtractedMetadata {
  const title = chooseTitle(text, blocks);
  return title ? { title: { value: title, evidence: { source: 'headline', detail: title } } } : {};
}

/**
 * A Markdown heading is the author's title. Otherwise the first line that reads like a headline is: text
 * saved from the web opens with site banners ("Vietnam.vn - …"), navigation ("All news"), source and date
 * lines ("Bron: albaciudad 16 februari 2022") and rules ('~~~'), none of which name the article. A first
 * candidate that is a whole paragraph is no title either: then there is none.
 */
function chooseTitle(text: string, blocks: Block[]): string | null {
  const texts = (some: Block[]) => some.map((block) => text.slice(block.start, block.end));
  const headings = texts(blocks.filter((block) => block.type === 'heading'));
  const candidate = headings[0] ?? texts(blocks).find(isHeadlineLike);
  if (candidate && (headings[0] !== undefined || candidate.length <= MAX_HEADLINE_LENGTH)) {
    return capTitle(candidate.replace(/\s+/g, ' ').trim());
  }
  return null;
}

const MAX_HEADLINE_LENGTH = 200;
const MAX_TITLE_LENGTH = 300;
const SITE_NAME = /(?:^|\s)(?:www\.)?[\p{L}\p{N}-]+\.(?:com|net|org|info|news|[a-z]{2})(?=$|[\s/|:–—-])/iu;
const SOURCE_LABEL = /^(?:source|sources|bron|fuente|fonte|quelle|nguồn|источник)\s*:/iu;
const YEAR = /(?:^|\D)(?:19|20)\d{2}(?:\D|$)/u;

function isHeadlineLike(line: string): boolean {
  const words = line.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token));
  const letters = line.match(/\p{L}/gu)?.length ?? 0;
  const alphanumerics = line.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  const visible = line.replace(/\s/g, '').length;
  if (alphanumerics < visible / 2) return false; // rules and decorations
  if (words.length < 3 && !(words.length === 2 && letters >= 12)) return false; // navigation
  if (SITE_NAME.test(line) || SOURCE_LABEL.test(line)) return false;
  if (YEAR.test(line) && words.length < 7) return false; // bylines and datelines
  return true;
}

function capTitle(title: string): string {
  if (title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > MAX_TITLE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut}…`;
}

