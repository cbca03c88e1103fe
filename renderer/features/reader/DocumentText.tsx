// The document's blocks as React elements. Text is always rendered as text nodes — imported HTML is never
// injected — and each block carries its canonical range (data-start/data-end) for offset mapping.
import { memo, useMemo, type ReactNode } from 'react';
import type { Block, DocumentDetail } from '../../../shared/domain';

function blockContent(text: string, block: Block): ReactNode {
  const marks = (block.marks ?? []).filter(
    (m) => m.start >= block.start && m.end <= block.end && m.end > m.start,
  );
  if (marks.length === 0) return text.slice(block.start, block.end);
  const parts: ReactNode[] = [];
  let at = block.start;
  for (const mark of [...marks].sort((a, b) => a.start - b.start)) {
    if (mark.start < at) continue;
    if (mark.start > at) parts.push(text.slice(at, mark.start));
    // Links are data, not navigation: shown as text with their address on hover.
    parts.push(
      <span key={mark.start} className="link-text" title={mark.href}>
        {text.slice(mark.start, mark.end)}
      </span>,
    );
    at = mark.end;
  }
  if (at < block.end) parts.push(text.slice(at, block.end));
  return parts;
}

function BlockElement({ text, block }: { text: string; block: Block }) {
  const props = { 'data-start': block.start, 'data-end': block.end, className: `block block-${block.type}` };
  const content = blockContent(text, block);
  switch (block.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(2, (block.level ?? 1) + 1));
      const Tag = `h${level}` as 'h2';
      return <Tag {...props}>{content}</Tag>;
    }
    case 'quote':
      return <blockquote {...props}>{content}</blockquote>;
    case 'listItem':
      return <li {...props}>{content}</li>;
    case 'code':
      return <pre {...props}>{content}</pre>;
    case 'caption':
      return <p {...props}>{content}</p>;
    case 'paragraph':
      return <p {...props}>{content}</p>;
  }
}

/** Consecutive list items go into one <ul> so screen readers announce a list. */
function groupBlocks(blocks: Block[]): (Block | Block[])[] {
  const groups: (Block | Block[])[] = [];
  for (const block of blocks) {
    const last = groups.at(-1);
    if (block.type === 'listItem' && Array.isArray(last)) last.push(block);
    else groups.push(block.type === 'listItem' ? [block] : block);
  }
  return groups;
}

/** Blocks are rendered in chunks so a long document paints its first screen at once (see useProgressiveCount). */
export const CHUNK_SIZE = 250;

const BlockChunk = memo(function BlockChunk({ text, blocks }: { text: string; blocks: Block[] }) {
  return (
    <>
      {groupBlocks(blocks).map((group) =>
        Array.isArray(group) ? (
          <ul key={`list-${group[0]!.start}`}>
            {group.map((block) => (
              <BlockElement key={block.start} text={text} block={block} />
            ))}
          </ul>
        ) : (
          <BlockElement key={group.start} text={text} block={group} />
        ),
      )}
    </>
  );
});

/**
 * The first `renderedBlocks` blocks of the document. Chunks already on screen are memoised, so growing the
 * count renders only the new chunk.
 */
export const DocumentText = memo(function DocumentText({
  document,
  renderedBlocks,
}: {
  document: DocumentDetail;
  renderedBlocks: number;
}) {
  // Chunks are made once per document so that memo(BlockChunk) keeps the ones already rendered.
  const chunks = useMemo(() => {
    const all: Block[][] = [];
    for (let at = 0; at < document.blocks.length; at += CHUNK_SIZE)
      all.push(document.blocks.slice(at, at + CHUNK_SIZE));
    return all;
  }, [document]);
  return (
    <>
      {chunks.slice(0, Math.ceil(renderedBlocks / CHUNK_SIZE)).map((chunk) => (
        <BlockChunk key={chunk[0]!.start} text={document.text} blocks={chunk} />
      ))}
    </>
  );
});
