// A generated article as insertDocument stores it: one paragraph, a web page (or plain text) as its original,
// checksums of both. Shared by the benchmarks and the tests that need many documents fast.
import { hash } from 'node:crypto';
import type { insertDocument } from '../../electron/db/documents';

type NewDocument = Parameters<typeof insertDocument>[1];

export function syntheticArticle(
  index: number,
  text: string,
  fields: Partial<Omit<NewDocument, 'text' | 'original'>> & { html?: boolean } = {},
): NewDocument {
  const { html = true, ...rest } = fields;
  const original = Buffer.from(html ? `<html><body><p>${text}</p></body></html>` : text);
  return {
    id: crypto.randomUUID(),
    title: `Article ${index}`,
    outlet: 'Agency',
    url: `https://news.example/${index}`,
    authors: [],
    published: '2022-02-16',
    language: 'en',
    evidence: {},
    importedAt: new Date().toISOString(),
    fileName: `article-${index}.${html ? 'html' : 'txt'}`,
    mediaType: html ? 'text/html' : 'text/plain',
    text,
    blocks: [{ type: 'paragraph', start: 0, end: text.length }],
    textSha256: hash('sha256', text, 'hex'),
    originalSha256: hash('sha256', original, 'hex'),
    original,
    ...rest,
  };
}
