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

/** Longer notes are shown as their plain text: parsing a huge note on every render is not worth it. */
const MAX_FORMATTED_LENGTH = 20_000;

export function parseNote(markdown: string): NoteParagraph[] {
  if (markdown.length > MAX_FORMATTED_LENGTH) {
    return markdown.split(/\n{2,}/).map((text) => [{ kind: 'text', text }]);
  }
  const paragraphs: NoteParagraph[] = [];
  const visit = (node: RootContent) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      paragraphs.push(node.children.flatMap(inline));
    } else if (node.type === 'code' || node.type === 'html') {
      paragraphs.push([{ kind: 'text', text: node.value }]);
    } else if ('children' in node) {
      for (const child of node.children as RootContent[]) visit(child);
    }
  };
  for (const node of fromMarkdown(markdown).children) visit(node);
  return paragraphs.filter((p) => p.length > 0);
}

function inline(node: PhrasingContent): NoteInline[] {
  switch (node.type) {
    case 'text':
      return [{ kind: 'text', text: node.value }];
    case 'emphasis':
    case 'strong':
      return [{ kind: node.type, children: node.children.flatMap(inline) }];
    case 'inlineCode':
      return [{ kind: 'code', text: node.value }];
    case 'break':
      return [{ kind: 'break' }];
    case 'link':
      return [{ kind: 'link', href: node.url, children: node.children.flatMap(inline) }];
    case 'html':
      return [{ kind: 'text', text: node.value }];
    default:
      return [{ kind: 'text', text: plainText(node) }];
  }
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('alt' in node && typeof node.alt === 'string') return node.alt;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
