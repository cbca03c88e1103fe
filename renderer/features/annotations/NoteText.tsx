// A note's Markdown as React elements (see noteMarkdown.ts): text-level formatting only, never HTML.
import { useMemo, type ReactNode } from 'react';
import { parseNote, type NoteInline } from './noteMarkdown';

function renderInline(nodes: NoteInline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'emphasis':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'break':
        return <br key={i} />;
      case 'link':
        // Links are data, not navigation: their address is shown on hover.
        return (
          <span key={i} className="link-text" title={node.href}>
            {renderInline(node.children)}
          </span>
        );
    }
  });
}

export function NoteText({ note, className }: { note: string; className?: string }) {
  const paragraphs = useMemo(() => parseNote(note), [note]);
  return (
    <span className={className}>
      {paragraphs.map((paragraph, i) => (
        <span key={i} className="note-paragraph">
          {renderInline(paragraph)}
        </span>
      ))}
    </span>
  );
}
