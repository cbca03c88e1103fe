// The hostile corpus of issue 9, generated on the spot: web pages, SVG in web pages, Markdown, MHTML, Word
// files and PDFs that try to run scripts, fetch from an attacker, navigate away or smuggle markup into the
// reader. Nothing binary is kept in the repository and nothing is downloaded; the same options give the same
// bytes. Every document says the benign sentence (BENIGN_SENTENCE) that the tests highlight, and a case token
// (`hx042`) that is unique to it. See tests/helpers/hostile/payloads.ts for how a payload makes itself seen.
import { docxDocument, DOCX_CASES } from './hostile/docx';
import { ELECTRON_CASES, METADATA_CASES, MXSS_CASES, UNICODE_CASES } from './hostile/html-classics';
import {
  BASE_CASES,
  DATA_URL_CASES,
  HANDLER_CASES,
  IFRAME_CASES,
  JAVASCRIPT_URL_CASES,
  META_REFRESH_CASES,
  OBJECT_CASES,
  SCRIPT_CASES,
} from './hostile/html-active';
import { CSS_CASES, FORM_CASES, LINK_CASES, SRCSET_CASES } from './hostile/html-fetch';
import { htmlPage, type HtmlCaseMaker } from './hostile/html-page';
import { SVG_CASES } from './hostile/html-svg';
import { markdownDocument, MARKDOWN_CASES, MHTML_CASES } from './hostile/markdown-mhtml';
import {
  payloadsFor,
  type HostileDocument,
  type HostileFormat,
  type HostileOptions,
} from './hostile/payloads';
import { pdfDocument, PDF_CASES } from './hostile/pdf';

export {
  BENIGN_SENTENCE,
  SENTINEL,
  SENTINEL_GLOBAL,
  type HostileCategory,
  type HostileDocument,
  type HostileFormat,
  type HostileOptions,
} from './hostile/payloads';

const HTML_CASES: HtmlCaseMaker[] = [
  ...SCRIPT_CASES,
  ...HANDLER_CASES,
  ...JAVASCRIPT_URL_CASES,
  ...DATA_URL_CASES,
  ...BASE_CASES,
  ...META_REFRESH_CASES,
  ...IFRAME_CASES,
  ...OBJECT_CASES,
  ...CSS_CASES,
  ...SRCSET_CASES,
  ...FORM_CASES,
  ...LINK_CASES,
  ...ELECTRON_CASES,
  ...MXSS_CASES,
  ...METADATA_CASES,
  ...UNICODE_CASES,
];

const EXTENSIONS: Record<HostileFormat, string> = {
  html: 'html',
  svg: 'html',
  markdown: 'md',
  mhtml: 'mhtml',
  docx: 'docx',
  pdf: 'pdf',
};

/** `Case hx042: img onerror` → `hx042-img-onerror.html` */
function fileNameOf(id: string, description: string, format: HostileFormat): string {
  const slug = description
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return `${id}-${slug}.${EXTENSIONS[format]}`;
}

/** Every hostile document, in a fixed order; `attacker` is the origin that payloads reach out to. */
export async function hostileDocuments(options: HostileOptions): Promise<HostileDocument[]> {
  const documents: HostileDocument[] = [];
  let counter = 0;
  const nextId = () => `hx${String(++counter).padStart(3, '0')}`;
  const add = (
    id: string,
    format: HostileFormat,
    made: {
      category: HostileDocument['category'];
      description: string;
      payloadAsText?: boolean;
      sentence?: string;
      sentenceFont?: string;
    },
    bytes: Uint8Array,
  ) => {
    documents.push({
      id,
      fileName: fileNameOf(id, made.description, format),
      format,
      category: made.category,
      description: made.description,
      bytes,
      ...(made.payloadAsText ? { payloadAsText: true } : {}),
      ...(made.sentence !== undefined || made.sentenceFont !== undefined ? { inSentence: true } : {}),
    });
  };
  const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

  for (const [format, makers] of [
    ['html', HTML_CASES],
    ['svg', SVG_CASES],
  ] as const) {
    for (const make of makers) {
      const id = nextId();
      const made = make(payloadsFor(id, options));
      add(id, format, made, utf8(htmlPage(id, made)));
    }
  }
  for (const make of MARKDOWN_CASES) {
    const id = nextId();
    const made = make(payloadsFor(id, options));
    add(id, 'markdown', made, utf8(markdownDocument(id, made)));
  }
  for (const make of MHTML_CASES) {
    const id = nextId();
    const made = make(payloadsFor(id, options));
    add(id, 'mhtml', made, new Uint8Array(Buffer.from(made.message, 'latin1')));
  }
  for (const make of DOCX_CASES) {
    const id = nextId();
    const made = make(payloadsFor(id, options));
    add(id, 'docx', made, await docxDocument(id, made));
  }
  for (const make of PDF_CASES) {
    const id = nextId();
    const made = make(payloadsFor(id, options));
    add(id, 'pdf', made, pdfDocument(id, made));
  }
  return documents;
}

/** What the browser is told a file is when the tests hand it over. */
export function mimeTypeOf(document: HostileDocument): string {
  const types: Record<HostileFormat, string> = {
    html: 'text/html',
    svg: 'text/html',
    markdown: 'text/markdown',
    mhtml: 'multipart/related',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    pdf: 'application/pdf',
  };
  return types[document.format];
}
