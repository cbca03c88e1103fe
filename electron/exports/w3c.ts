// Highlights as W3C Web Annotations (JSON-LD): an AnnotationCollection whose first page holds every annotation.
// Each annotation targets its document with a TextQuoteSelector (the quote and a little text either side)
// and a TextPositionSelector over the document's canonical text; its note is a TextualBody (commenting), each
// tag a TextualBody with purpose tagging. The source is the document's URL when it has one (else a URN of
// its id), with its SHA-256: the model defines no digest, so the context adds Dossier's terms for it.
// Positions count Unicode code points, as the model requires, not the UTF-16 units the app keeps.

/** What an annotation is made from. */
export interface AnnotatedHighlight {
  id: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  note: string;
  tagPaths: string[];
  createdAt: string;
  updatedAt: string;
  document: {
    id: string;
    title: string | null;
    url: string | null;
    mediaType: string;
    language: string | null;
    /** SHA-256 of the file as imported, hex. */
    sha256: string;
    /** SHA-256 of the canonical text the positions count in, hex. */
    textSha256: string;
  };
}

export const W3C_CONTEXT = [
  'http://www.w3.org/ns/anno.jsonld',
  { sha256: 'urn:dossier:sha256', textSha256: 'urn:dossier:textSha256' },
];

/** The number of code points before a UTF-16 offset of a text. */
export function codePointOffset(text: string, utf16Offset: number): number {
  let points = 0;
  for (let i = 0; i < utf16Offset && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    points += 1;
  }
  return points;
}

export function annotationCollection(
  highlights: readonly AnnotatedHighlight[],
  options: {
    /** The project's id (a UUID): the collection's. */
    id: string;
    label: string;
    generator: string;
    textOf(documentId: string): string | null;
  },
): object {
  // Highlights come in document order: count code points on from the last one, not from the start again.
  let counted = { document: '', utf16: 0, points: 0 };
  const pointsBefore = (documentId: string, text: string, offset: number) => {
    if (counted.document !== documentId || counted.utf16 > offset)
      counted = { document: documentId, utf16: 0, points: 0 };
    const points =
      counted.points + codePointOffset(text.slice(counted.utf16, offset), offset - counted.utf16);
    counted = { document: documentId, utf16: offset, points };
    return points;
  };
  const items = highlights.map((h) => {
    const text = options.textOf(h.document.id);
    const start = text === null ? h.start : pointsBefore(h.document.id, text, h.start);
    const end = text === null ? h.end : start + codePointOffset(text.slice(h.start, h.end), h.end - h.start);
    const body = [
      ...(h.note
        ? [{ type: 'TextualBody', value: h.note, format: 'text/plain', purpose: 'commenting' }]
        : []),
      ...h.tagPaths.map((path) => ({ type: 'TextualBody', value: path, purpose: 'tagging' })),
    ];
    return {
      id: `urn:uuid:${h.id}`,
      type: 'Annotation',
      motivation: h.note ? 'commenting' : 'highlighting',
      created: h.createdAt,
      modified: h.updatedAt,
      ...(body.length > 0 ? { body } : {}),
      target: {
        type: 'SpecificResource',
        source: {
          id: h.document.url ?? `urn:uuid:${h.document.id}`,
          type: 'Text',
          format: h.document.mediaType,
          ...(h.document.title ? { title: h.document.title } : {}),
          ...(h.document.language ? { language: h.document.language } : {}),
          sha256: h.document.sha256,
          textSha256: h.document.textSha256,
        },
        selector: [
          { type: 'TextQuoteSelector', exact: h.quote, prefix: h.prefix, suffix: h.suffix },
          { type: 'TextPositionSelector', start, end },
        ],
      },
    };
  });
  return {
    '@context': W3C_CONTEXT,
    id: `urn:uuid:${options.id}`,
    type: 'AnnotationCollection',
    label: options.label,
    generator: { type: 'Software', name: options.generator },
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
