// Reads Markdown as a reader sees it: the canonical text holds the words without the syntax (no '#', '*',
// '>' or link targets), so quotes, search and highlights work on prose; structure is kept in blocks and links
// as marks (web links only). Raw HTML is dropped rather than kept as text, because it would be markup, not
// prose, and it must never reach the page.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, Parents, Root, RootContent } from 'mdast';
import type { Block, BlockType, Mark } from '../../../shared/domain';
import { DossierError } from '../../../shared/errors';
import type { StructuredText } from './text';

const BLOCK_SEPARATOR = '\n\n';
const MAX_HREF_LENGTH = 4096;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

type Container = 'quote' | 'listItem' | null;

/** One block's text as it is assembled; mark offsets are relative to the block. */
interface InlineText {
  text: string;
  marks: Mark[];
}

interface PendingBlock extends InlineText {
  type: BlockType;
  level?: number;
}

export function structureMarkdown(source: string): StructuredText {
  try {
    const tree = fromMarkdown(withoutFrontMatter(source));
    return joinBlocks(collectBlocks(tree, collectLinkDefinitions(tree)));
  } catch (error) {
    // Inline syntax nested thousands deep (emphasis in emphasis...) exhausts the stack; no real document does that.
    if (error instanceof RangeError) {
      throw new DossierError('import_refused', 'This Markdown file is nested too deeply to be read');
    }
    throw error;
  }
}

/**
 * YAML front matter (Jekyll, Hugo, Obsidian) is metadata; CommonMark would read it as a rule and a heading.
 * It must open with a 'key:' line, so a document that merely starts with a rule keeps its text.
 */
function withoutFrontMatter(source: string): string {
  const match = /^---[ \t]*\n[\p{L}_][\p{L}\p{N}_ -]*:[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u.exec(source);
  return match ? source.slice(match[0].length) : source;
}

// Block-level walks use an explicit stack: quotes and lists nest as deep as a file likes, and the parser
// copes with thousands of levels, so these walks should too.

function collectLinkDefinitions(root: Nodes): Map<string, string> {
  const targets = new Map<string, string>();
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    // CommonMark: the first definition of a label wins (the walk goes in document order).
    if (node.type === 'definition' && !targets.has(node.identifier)) targets.set(node.identifier, node.url);
    if ('children' in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return targets;
}

/** A paragraph's block type is decided by the innermost quote or list item that holds it. */
function collectBlocks(root: Root, linkTargets: Map<string, string>): PendingBlock[] {
  const out: PendingBlock[] = [];
  const stack: { node: RootContent; container: Container }[] = [];
  const pushChildren = (children: RootContent[], container: Container) => {
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ node: children[i] as RootContent, container });
  };
  pushChildren(root.children, null);
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, container } = entry;
    switch (node.type) {
      case 'heading':
        out.push({ type: 'heading', level: node.depth, ...inlineText(node, linkTargets) });
        break;
      case 'paragraph':
        out.push({ type: paragraphType(container), ...inlineText(node, linkTargets) });
        break;
      case 'code':
        out.push({ type: 'code', text: node.value, marks: [] });
        break;
      case 'blockquote':
        pushChildren(node.children, 'quote');
        break;
      case 'list':
        pushChildren(node.children, container);
        break;
      case 'listItem':
        pushChildren(node.children, 'listItem');
        break;
      case 'html':
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
      case 'footnoteDefinition':
        break;
      default:
        // Syntax from extensions this parser is not given (tables...) still has its text kept.
        if ('children' in node) pushChildren(node.children as RootContent[], container);
    }
  }
  return out;
}

function paragraphType(container: Container): BlockType {
  if (container === 'quote') return 'quote';
  if (container === 'listItem') return 'listItem';
  return 'paragraph';
}

function inlineText(parent: Parents, linkTargets: Map<string, string>): InlineText {
  const inline: InlineText = { text: '', marks: [] };
  for (const child of parent.children) appendInline(child, inline, linkTargets);
  return inline;
}

function appendInline(node: Nodes, inline: InlineText, linkTargets: Map<string, string>): void {
  switch (node.type) {
    case 'text':
      // A soft line break inside a paragraph reads as a space.
      appendText(inline, node.value.replace(/[ \t]*\n[ \t]*/g, ' '));
      break;
    case 'inlineCode':
      appendText(inline, node.value);
      break;
    case 'break':
      inline.text = inline.text.replace(/[ \t]+$/, '') + '\n';
      break;
    case 'link':
      appendLink(node.children, node.url, inline, linkTargets);
      break;
    case 'linkReference':
      appendLink(node.children, linkTargets.get(node.identifier), inline, linkTargets);
      break;
    case 'image':
    case 'imageReference':
    case 'html':
    case 'footnoteReference':
      break;
    default:
      if ('children' in node) for (const child of node.children) appendInline(child, inline, linkTargets);
  }
}

/** Dropped images and HTML leave their neighbours' spaces side by side; keep one. */
function appendText(inline: InlineText, value: string): void {
  const joinsWhitespace = /\s$/.test(inline.text) || inline.text === '';
  inline.text += joinsWhitespace ? value.replace(/^[ \t]+/, '') : value;
}

function appendLink(
  children: Nodes[],
  href: string | undefined,
  inline: InlineText,
  linkTargets: Map<string, string>,
): void {
  const start = inline.text.length;
  for (const child of children) appendInline(child, inline, linkTargets);
  const end = inline.text.length;
  const target = href === undefined ? null : webLink(href);
  if (target && end > start) inline.marks.push({ type: 'link', start, end, href: target });
}

/**
 * As for web pages, only links a reader could follow on the web are kept: `javascript:`, `data:`, `file:`,
 * `smb:` and custom schemes (the ways into a desktop app's shell) keep just their text.
 */
function webLink(href: string): string | null {
  if (href.length > MAX_HREF_LENGTH) return null;
  try {
    const url = new URL(href.trim());
    return LINK_PROTOCOLS.has(url.protocol) ? href : null;
  } catch {
    return null; // relative: there is no page address to resolve it against
  }
}

function joinBlocks(pending: PendingBlock[]): StructuredText {
  let text = '';
  const blocks: Block[] = [];
  for (const candidate of pending) {
    const trimmed = trimInline(candidate);
    if (trimmed.text === '') continue;
    if (text !== '') text += BLOCK_SEPARATOR;
    const start = text.length;
    text += trimmed.text;
    const block: Block = { type: candidate.type, start, end: text.length };
    if (candidate.level !== undefined) block.level = candidate.level;
    if (trimmed.marks.length > 0) {
      block.marks = trimmed.marks.map((mark) => ({
        ...mark,
        start: start + mark.start,
        end: start + mark.end,
      }));
    }
    blocks.push(block);
  }
  return { text, blocks };
}

/** Blocks never begin or end with whitespace, so a mark that reached into it is clipped with it. */
function trimInline(inline: InlineText): InlineText {
  const leading = inline.text.length - inline.text.trimStart().length;
  const text = inline.text.trim();
  const marks = inline.marks
    .map((mark) => ({
      ...mark,
      start: clamp(mark.start - leading, 0, text.length),
      end: clamp(mark.end - leading, 0, text.length),
    }))
    .filter((mark) => mark.end > mark.start);
  return { text, marks };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
