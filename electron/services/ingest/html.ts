// Web pages: the article extracted with Mozilla's Readability, turned into the same blocks every format
// produces, with the page's own statements about itself as metadata. A web page is untrusted input, so it is
// parsed by jsdom with scripts off and no resource loader (jsdom's defaults, never to be changed here): no
// page code runs and nothing is fetched. Links survive only as data on their text (http, https and mailto).
// The block builder is shared with Word documents, which mammoth turns into HTML.
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Block, BlockType, Mark } from '../../../shared/domain';
import { decodeHtml } from './decode';
import { addReadabilityFindings, extractHtmlMetadata, webUrl } from './html-metadata';
import type { StructuredText } from './text';
import type { ReadDocument } from './types';

export interface ReadHtmlOptions {
  /** Where the page was captured from (an MHTML Content-Location): the base for its relative links. */
  documentUrl?: string;
}

const BLOCK_SEPARATOR = '\n\n';
const CELL_SEPARATOR = ' | ';
const MAX_HREF_LENGTH = 4096;
/** Below this much text Readability has probably missed the article (or the page is tiny): the body may do better. */
const MIN_ARTICLE_CHARS = 200;
/**
 * Readability's time grows much faster than linearly with nesting depth (800 levels: about ten seconds), so
 * a page nested deeper than this is read whole instead.
 */
const MAX_READABILITY_DEPTH = 200;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Elements whose content is not prose a reader reads: code, styling, controls, media, menus, and the
 * fallbacks browsers never show (<noembed>, <noframes>: their content is raw text, markup included).
 */
const DROPPED = new Set([
  ...['script', 'style', 'noscript', 'noembed', 'noframes', 'template', 'head', 'title', 'meta', 'link'],
  'base',
  ...['form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output'],
  ...['img', 'picture', 'source', 'track', 'svg', 'video', 'audio', 'canvas', 'map', 'area'],
  ...['iframe', 'frame', 'frameset', 'embed', 'object', 'param', 'applet', 'portal', 'nav', 'dialog'],
]);
/** Elements that start and end a block; everything else is inline and flows into the current block. */
const BLOCK_LEVEL = new Set([
  ...['address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir'],
  ...['div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5'],
  ...['h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'ol', 'p'],
  ...['plaintext', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr'],
  ...['ul', 'xmp'],
]);
const PREFORMATTED = new Set(['pre', 'listing', 'xmp', 'plaintext']);
const HEADING = /^h([1-6])$/;

export function readHtml(bytes: Uint8Array): ReadDocument {
  return readHtmlText(decodeHtml(bytes).text);
}

/** The HTML reader for text already decoded (an MHTML part decoded by its own charset). */
export function readHtmlText(html: string, options: ReadHtmlOptions = {}): ReadDocument {
  // A silent console: the page's broken CSS must not fill the app's log. Source locations only when there is a
  // <noscript> to check (they cost memory on every node).
  const locate = NOSCRIPT.test(html);
  const dom = new JSDOM(html, { virtualConsole: new VirtualConsole(), includeNodeLocations: locate });
  try {
    const { document } = dom.window;
    if (locate) unwrapUnclosedNoscript(dom);
    // Read before Readability, which strips the head, bylines and <time> elements it does not keep.
    const { metadata, declaredLanguage } = extractHtmlMetadata(document);
    const base = webUrl(options.documentUrl) ?? metadata.url?.value;
    // Only document.baseURI changes: relative hrefs become absolute marks. Nothing is loaded from it.
    if (base) dom.reconfigure({ url: base });
    const body = document.body ?? document.documentElement;
    // Readability edits the tree, so the whole body is read first, for when Readability finds little.
    // (Copying the tree instead recurses in jsdom and overflows the stack on deeply nested pages.)
    const whole = nodeToBlocks(body);
    const article = nestsDeeperThan(body, MAX_READABILITY_DEPTH) ? null : parseArticle(document);
    if (article) addReadabilityFindings(metadata, article);
    const extracted = article?.content ? nodeToBlocks(article.content) : null;
    const structured =
      extracted && (extracted.text.length >= MIN_ARTICLE_CHARS || extracted.text.length >= whole.text.length)
        ? extracted
        : whole;
    return { ...structured, metadata, ...(declaredLanguage ? { declaredLanguage } : {}) };
  } finally {
    dom.window.close();
  }
}

/** Turns HTML from a converter (mammoth for Word) into blocks; no Readability, since all of it is the document. */
export function htmlToBlocks(html: string): StructuredText {
  return nodeToBlocks(JSDOM.fragment(html));
}

const NOSCRIPT = /<noscript/i;

/**
 * A <noscript> never closed runs to the end of the page: parsed without scripting (as here), everything after
 * it is inside it, and dropping it would drop the rest of the article. Its content is kept in place instead. A
 * closed one is the usual "please enable JavaScript" or tracking pixel, and stays dropped.
 */
function unwrapUnclosedNoscript(dom: JSDOM): void {
  for (const element of [...dom.window.document.querySelectorAll('noscript')]) {
    // For an element, jsdom hands over parse5's element location, typed as the plain one.
    const location = dom.nodeLocation(element) as { endTag?: unknown } | null | undefined;
    if (location?.endTag) continue;
    element.replaceWith(...element.childNodes);
  }
}

function parseArticle(document: Document) {
  try {
    return new Readability<Node>(document, { serializer: (node) => node }).parse();
  } catch {
    // Readability throws on pages it cannot handle; the whole body is then read instead.
    return null;
  }
}

/** Real pages nest a few dozen elements deep; only generated or hostile ones go past a few hundred. */
function nestsDeeperThan(root: Element, limit: number): boolean {
  const stack: [Element, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [element, depth] = entry;
    if (depth > limit) return true;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Builds blocks from a tree in document order, without recursion: hostile pages nest elements very deep. */
function nodeToBlocks(root: Node): StructuredText {
  const builder = new BlockBuilder();
  const stack: { node: Node; leaving: boolean }[] = [{ node: root, leaving: false }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, leaving } = entry;
    if (node.nodeType === node.TEXT_NODE || node.nodeType === node.CDATA_SECTION_NODE) {
      builder.text(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType === node.ELEMENT_NODE) {
      const element = node as Element;
      if (leaving) {
        builder.leave(element);
        continue;
      }
      if (isDropped(element)) continue;
      builder.enter(element);
      stack.push({ node, leaving: true });
    } else if (node.nodeType !== node.DOCUMENT_NODE && node.nodeType !== node.DOCUMENT_FRAGMENT_NODE) {
      continue; // comments, processing instructions, doctypes
    }
    for (let child = node.lastChild; child; child = child.previousSibling) {
      stack.push({ node: child, leaving: false });
    }
  }
  return builder.finish();
}

function isDropped(element: Element): boolean {
  if (DROPPED.has(element.localName) || element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Only links a reader could follow on the web; `javascript:`, `data:` and `file:` links keep just their text. */
function linkTarget(element: Element): string | null {
  const raw = element.getAttribute('href');
  if (raw === null) return null;
  try {
    const url = new URL(raw.trim(), element.ownerDocument.baseURI);
    return LINK_PROTOCOLS.has(url.protocol) && url.href.length <= MAX_HREF_LENGTH ? url.href : null;
  } catch {
    return null; // relative, with no page address to resolve it against
  }
}

interface Role {
  element: Element;
  type: BlockType;
  level?: number;
}

/** One block at a time: inline text collects until a block-level element starts or ends. */
class BlockBuilder {
  private output = '';
  private blocks: Block[] = [];
  private pending = '';
  private marks: Mark[] = [];
  private roles: Role[] = [];
  private links: { element: Element; href: string | null; start: number }[] = [];
  private preformatted = 0;
  private cellDepth = 0;
  /** The pending block is a table row, whose cells were joined with CELL_SEPARATOR. */
  private isRow = false;

  enter(element: Element): void {
    const name = element.localName;
    if (name === 'br') return this.lineBreak();
    if (name === 'a') {
      this.links.push({ element, href: linkTarget(element), start: this.pending.length });
      return;
    }
    if (name === 'td' || name === 'th') {
      if (this.pending.trim() !== '' && !this.pending.endsWith(CELL_SEPARATOR)) {
        this.pending = this.pending.replace(/ +$/, '') + CELL_SEPARATOR;
      }
      this.cellDepth++;
      this.isRow = true;
      return;
    }
    if (!BLOCK_LEVEL.has(name)) return;
    this.blockBoundary();
    if (PREFORMATTED.has(name)) this.preformatted++;
    const role = roleOf(element);
    if (role) this.roles.push(role);
  }

  leave(element: Element): void {
    const name = element.localName;
    if (name === 'a') return this.closeLink(element);
    if (name === 'td' || name === 'th') {
      this.cellDepth--;
      return;
    }
    if (!BLOCK_LEVEL.has(name)) return;
    this.blockBoundary();
    if (PREFORMATTED.has(name)) this.preformatted--;
    if (this.roles.at(-1)?.element === element) this.roles.pop();
  }

  text(value: string): void {
    if (this.preformatted > 0) return this.append(value.normalize('NFC'));
    const collapsed = value.replace(/[\t\n\f\r \u00a0]+/g, ' ').normalize('NFC');
    this.append(this.pending === '' || /[ \n]$/.test(this.pending) ? collapsed.replace(/^ /, '') : collapsed);
  }

  finish(): StructuredText {
    this.flush();
    return { text: this.output, blocks: this.blocks };
  }

  private append(value: string): void {
    this.pending += value;
  }

  /** Inside a table cell, paragraphs only separate words: the whole row stays one block. */
  private blockBoundary(): void {
    if (this.cellDepth > 0) this.text(' ');
    else this.flush();
  }

  /** `<br>` is a line break within the block; two in a row are the old way of starting a paragraph. */
  private lineBreak(): void {
    if (this.preformatted > 0) return this.append('\n');
    if (this.cellDepth === 0 && this.pending.endsWith('\n')) return this.flush();
    this.pending = this.pending.replace(/ +$/, '') + '\n';
  }

  private closeLink(element: Element): void {
    const index = this.links.findLastIndex((link) => link.element === element);
    const link = this.links[index];
    if (!link) return;
    this.links.splice(index, 1);
    if (link.href && this.pending.length > link.start) {
      this.marks.push({ type: 'link', start: link.start, end: this.pending.length, href: link.href });
    }
  }

  private flush(): void {
    // A link that spans blocks (<a><h2>…</h2><p>…</p></a>) marks its text in each of them.
    for (const link of this.links) {
      if (link.href && this.pending.length > link.start) {
        this.marks.push({ type: 'link', start: link.start, end: this.pending.length, href: link.href });
      }
      link.start = 0;
    }
    const role = this.roles.at(-1);
    const type = role?.type ?? 'paragraph';
    const raw = this.pending;
    let trimmed = type === 'code' ? raw.replace(/^\n+/, '').trimEnd() : raw.trim();
    // Empty trailing cells leave a dangling separator.
    if (this.isRow) trimmed = trimmed.replace(/(?:\s*\|)+$/, '');
    const leading = trimmed === '' ? 0 : raw.indexOf(trimmed);
    const marks = this.marks;
    this.pending = '';
    this.marks = [];
    this.isRow = false;
    if (trimmed === '') return;
    if (this.output !== '') this.output += BLOCK_SEPARATOR;
    const start = this.output.length;
    this.output += trimmed;
    const block: Block = { type, start, end: this.output.length };
    if (role?.level !== undefined) block.level = role.level;
    const placed = marks
      .map((mark) => {
        // A link's edges are its words, not the spaces around them.
        let from = clamp(mark.start - leading, 0, trimmed.length);
        let to = clamp(mark.end - leading, 0, trimmed.length);
        while (from < to && /\s/.test(trimmed[from] ?? '')) from++;
        while (to > from && /\s/.test(trimmed[to - 1] ?? '')) to--;
        return { ...mark, start: start + from, end: start + to };
      })
      .filter((mark) => mark.end > mark.start)
      .sort((a, b) => a.start - b.start);
    if (placed.length > 0) block.marks = placed;
    this.blocks.push(block);
  }
}

/** The block type an element gives the text inside it; the innermost such element decides. */
function roleOf(element: Element): Role | null {
  const name = element.localName;
  const heading = HEADING.exec(name);
  if (heading) return { element, type: 'heading', level: Number(heading[1]) };
  if (PREFORMATTED.has(name)) return { element, type: 'code' };
  if (name === 'figcaption' || name === 'caption') return { element, type: 'caption' };
  if (name === 'li') return { element, type: 'listItem' };
  if (name === 'blockquote') return { element, type: 'quote' };
  // A paragraph inside a list item or quote stays a list item or quote.
  return null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
