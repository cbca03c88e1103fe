// Notes are written in Markdown and shown with text-level formatting only: emphasis, strong, code, line
// breaks, and links as text with their address (never live). Headings, lists, quotes and raw HTML become
// plain paragraphs of their text, so a note can never inject markup or take over the layout.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, PhrasingContent, RootContent } from 'mdast';

export type NoteInline =
  | { kind: 'text'; text: string }
  | { kind: 'emphasis' | 'strong'; children: NoteInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: NoteInline[] }
  | { kind: 'break' };

/** Paragraphs of inline content. */
export type NoteParagraph = NoteInline[];

/**
 * Longer notes are shown as their plain text. Markdown parsing is superlinear on hostile input (thousands of
 * nested emphasis markers): measured, 2,000 such characters take about 100 ms, 5,000 about 250 ms, and a
 * note can come from a teammate's project. Formatting nested deeper than this is shown as its text.
 */
const MAX_FORMATTED_LENGTH = 2_000;
const MAX_NESTING = 16;

const asPlainText = (markdown: string): NoteParagraph[] =>
  markdown
    .split(/\n{2,}/)
    .filter((text) => text.trim() !== '')
    .map((text) => [{ kind: 'text', text }]);

export function parseNote(markdown: string): NoteParagraph[] {
  if (markdown.length > MAX_FORMATTED_LENGTH) return asPlainText(markdown);
  try {
    return formatted(markdown);
  } catch {
    return asPlainText(markdown); // a parser failure costs the formatting, never the note
  }
}

function formatted(markdown: string): NoteParagraph[] {
  const paragraphs: NoteParagraph[] = [];
  const visit = (node: RootContent) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      paragraphs.push(node.children.flatMap((child) => inline(child, 0)));
    } else if (node.type === 'code' || node.type === 'html') {
      paragraphs.push([{ kind: 'text', text: node.value }]);
    } else if ('children' in node) {
      for (const child of node.children as RootContent[]) visit(child);
    }
  };
  for (const node of fromMarkdown(markdown).children) visit(node);
  return paragraphs.filter((p) => p.length > 0);
}

function inline(node: PhrasingContent, depth: number): NoteInline[] {
  if (depth > MAX_NESTING) return [{ kind: 'text', text: plainText(node) }];
  const children = (nodes: PhrasingContent[]) => nodes.flatMap((child) => inline(child, depth + 1));
  switch (node.type) {
    case 'text':
      return [{ kind: 'text', text: node.value }];
    case 'emphasis':
    case 'strong':
      return [{ kind: node.type, children: children(node.children) }];
    case 'inlineCode':
      return [{ kind: 'code', text: node.value }];
    case 'break':
      return [{ kind: 'break' }];
    case 'link':
      return [{ kind: 'link', href: node.url, children: children(node.children) }];
    case 'html':
      return [{ kind: 'text', text: node.value }];
    default:
      return [{ kind: 'text', text: plainText(node) }];
  }
}

/** The text under a node, collected without recursion (the tree may be deep). */
function plainText(root: Nodes): string {
  let text = '';
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('value' in node && typeof node.value === 'string') text += node.value;
    else if ('alt' in node && typeof node.alt === 'string') text += node.alt;
    else if ('children' in node) stack.push(...[...(node.children as Nodes[])].reverse());
  }
  return text;
}
