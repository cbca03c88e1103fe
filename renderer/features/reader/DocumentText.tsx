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

function BlockElement({ text, block, index }: { text: string; block: Block; index: number }) {
  const props = {
    'data-start': block.start,
    'data-end': block.end,
    'data-index': index,
    className: `block block-${block.type}${block.boilerplate ? ' boilerplate' : ''}`,
  };
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

interface Positioned {
  block: Block;
  index: number;
}

/** Consecutive list items go into one <ul> so screen readers announce a list. */
function groupBlocks(blocks: Positioned[]): (Positioned | Positioned[])[] {
  const groups: (Positioned | Positioned[])[] = [];
  for (const item of blocks) {
    const last = groups.at(-1);
    if (item.block.type === 'listItem' && Array.isArray(last)) last.push(item);
    else groups.push(item.block.type === 'listItem' ? [item] : item);
  }
  return groups;
}

/** After the first screen, blocks are rendered in chunks of this many, one per idle moment (useProgressiveCount). */
export const CHUNK_SIZE = 250;
/**
 * The first chunk holds about this much text: a few screens of the widest reader, so the first paint does
 * not wait for the thousands of paragraphs below it. Later chunks have CHUNK_SIZE blocks.
 */
const FIRST_CHUNK_CHARS = 8_000;

/** Where each chunk of blocks ends (exclusive block indexes), the last one being the number of blocks. */
export function chunkEnds(blocks: readonly Block[]): number[] {
  const ends: number[] = [];
  let first = 0;
  let chars = 0;
  while (first < blocks.length && chars < FIRST_CHUNK_CHARS) {
    chars += blocks[first]!.end - blocks[first]!.start;
    first++;
  }
  if (first > 0) ends.push(first);
  for (let at = first + CHUNK_SIZE; at < blocks.length + CHUNK_SIZE; at += CHUNK_SIZE) {
    ends.push(Math.min(at, blocks.length));
  }
  return ends;
}

/**
 * Where a PDF's page begins, a marker names it. It sits between blocks and carries no data-start, so it is
 * not part of the canonical text, of selections or of offsets.
 */
function PageMarker({ page }: { page: number }) {
  return (
    <div className="page-marker" role="separator" aria-label={`Page ${page}`} data-page={page}>
      <span aria-hidden="true">p. {page}</span>
    </div>
  );
}

const BlockChunk = memo(function BlockChunk({
  text,
  blocks,
  previousPage,
}: {
  text: string;
  blocks: Positioned[];
  previousPage: number | undefined;
}) {
  const elements: ReactNode[] = [];
  let page = previousPage;
  for (const group of groupBlocks(blocks)) {
    const items = Array.isArray(group) ? group : [group];
    const first = items[0]!;
    if (first.block.page !== undefined && first.block.page !== page) {
      elements.push(<PageMarker key={`page-${first.block.page}`} page={first.block.page} />);
    }
    page = items.at(-1)!.block.page ?? page;
    const rendered = items.map(({ block, index }) => (
      <BlockElement key={block.start} text={text} block={block} index={index} />
    ));
    elements.push(Array.isArray(group) ? <ul key={`list-${first.block.start}`}>{rendered}</ul> : rendered);
  }
  return <>{elements}</>;
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
    const all: { blocks: Positioned[]; previousPage: number | undefined; end: number }[] = [];
    let at = 0;
    for (const end of chunkEnds(document.blocks)) {
      const blocks = document.blocks.slice(at, end).map((block, i) => ({ block, index: at + i }));
      all.push({ blocks, previousPage: document.blocks[at - 1]?.page, end });
      at = end;
    }
    return all;
  }, [document]);
  return (
    <>
      {chunks
        .filter((chunk) => chunk.end - chunk.blocks.length < renderedBlocks)
        .map((chunk) => (
          <BlockChunk
            key={chunk.blocks[0]!.block.start}
            text={document.text}
            blocks={chunk.blocks}
            previousPage={chunk.previousPage}
          />
        ))}
    </>
  );
});
