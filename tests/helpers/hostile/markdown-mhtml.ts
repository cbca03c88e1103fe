// Markdown files with raw HTML and dangerous link targets, and MHTML captures (a MIME message whose root part
// is the page) that hide scripts in other parts, point their locations at javascript: and file:, or declare
// charsets that turn harmless bytes into markup.
import { htmlPage, type HtmlCase } from './html-page';
import {
  BENIGN_SENTENCE,
  CLOSING,
  INTRO,
  base64,
  caseTitle,
  type HostileCategory,
  type Payloads,
} from './payloads';

export interface TextCase {
  category: HostileCategory;
  description: string;
  payloadAsText?: boolean;
}

export interface MarkdownCase extends TextCase {
  /** Markdown before and after the sentence's paragraph. */
  before?: string;
  after?: string;
  /** The sentence's paragraph, when the payload sits among its words. */
  sentence?: string;
}

export function markdownDocument(id: string, made: MarkdownCase): string {
  return [
    `# ${caseTitle(id, made.description)}`,
    INTRO,
    made.before ?? '',
    made.sentence ?? BENIGN_SENTENCE,
    made.after ?? '',
    CLOSING,
    '',
  ].join('\n\n');
}

export const MARKDOWN_CASES: ((p: Payloads) => MarkdownCase)[] = [
  (p) => ({
    category: 'markdown',
    description: 'raw script block',
    before: `<script>\n${p.js('md-script')}\n</script>`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'raw image with onerror inline',
    sentence: BENIGN_SENTENCE.replace('cranes', `cranes<img src=x onerror="${p.js('md-img')}">`),
  }),
  (p) => ({
    category: 'markdown',
    description: 'javascript link on the sentence',
    sentence: BENIGN_SENTENCE.replace('harbour inquiry', `[harbour inquiry](${p.jsUrl('md-link')})`),
  }),
  (p) => ({
    category: 'markdown',
    description: 'javascript links in disguise',
    before: `[Case](JaVaScRiPt:${p.js('md-case')}) [Angle](<javascript:${p.js('md-angle')}>) [Entity](&#106;avascript:${p.js('md-entity')}) [Spaces]( javascript:${p.js('md-space')} )`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'reference links to javascript and data',
    before: `See [the memo][memo] and [the annex][annex].\n\n[memo]: ${p.jsUrl('md-ref')}\n[annex]: ${p.dataHtml('md-ref-data')} "Annex"`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'autolinks to javascript and the attacker',
    before: `<javascript:${p.js('md-autolink')}> and <${p.url('md-autolink-http')}> and <file:///etc/passwd>`,
    // An autolink's text is its address: the payload is shown as words, never as a link.
    payloadAsText: true,
  }),
  (p) => ({
    category: 'markdown',
    description: 'images from the attacker and javascript',
    before: `![chart](${p.url('md-image')}) ![x](${p.jsUrl('md-image-js')}) ![svg](${p.dataSvg('md-image-svg')})`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'image title breaking out of its attribute',
    before: `![x](x "\\" onerror=\\"${p.js('md-title')}") [y](${p.url('md-title-link')} "onmouseover=${p.js('md-link-title')}")`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'raw iframe, object and form blocks',
    before: `<iframe src="${p.url('md-iframe')}"></iframe>\n\n<object data="${p.url('md-object')}"></object>\n\n<form action="${p.url('md-form')}"><button>Go</button></form>`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'raw details ontoggle and svg',
    before: `<details open ontoggle="${p.js('md-details')}">\n<summary>More</summary>\n\nHidden details.\n\n</details>\n\n<svg onload="${p.js('md-svg')}"></svg>`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'inline HTML around the highlighted words',
    sentence: BENIGN_SENTENCE.replace(
      'reported on 4 May 2022',
      `<b onmouseover="${p.js('md-b')}">reported</b> on <a href="${p.jsUrl('md-a')}">4 May 2022</a>`,
    ),
  }),
  (p) => ({
    category: 'markdown',
    description: 'front matter with scripts and a style import',
    before: `<style>@import url(${p.url('md-style')});</style>\n\n<link rel="prefetch" href="${p.url('md-prefetch')}">\n\n<meta http-equiv="refresh" content="0;url=${p.url('md-refresh')}">`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'code blocks showing payloads as text',
    before: '```html\n' + `<script>${p.js('md-code')}</script>\n` + '```',
    payloadAsText: true,
  }),
  (p) => ({
    category: 'markdown',
    description: 'file and smb links',
    before: `[Calculator](file:///C:/Windows/System32/calc.exe) [Share](smb://${p.host}/share) [Diagnostics](ms-msdt:/id%20PCWDiagnostic)`,
  }),
  (p) => ({
    category: 'markdown',
    description: 'Electron note-app classics in Markdown',
    before: `<img src="x" onerror="require('child_process').exec('xcalc');${p.js('md-electron')}">\n\n<a href="#" onclick="window.open('${p.url('md-open')}')">Open</a>\n\n<webview src="${p.url('md-webview')}" nodeintegration></webview>`,
  }),
];

export interface MhtmlCase extends TextCase {
  /** The whole MIME message. */
  message: string;
}

const CRLF = '\r\n';

/** A message in the shape Chrome saves: multipart/related, the page first, then its resources. */
function related(parts: string[][], boundary = '----MultipartBoundary--hostile', extra = ''): string {
  return [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: https://news.example.org/harbour',
    'Subject: Harbour report',
    'MIME-Version: 1.0',
    `Content-Type: multipart/related; type="text/html"; boundary="${boundary}"${extra}`,
    '',
    ...parts.flatMap((part) => [`--${boundary}`, ...part]),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

function quotedPrintable(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[=\u0080-\u00ff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/(.{70})/g, '$1=\r\n');
}

function page(id: string, made: HtmlCase): string {
  return htmlPage(id, made);
}

export const MHTML_CASES: ((p: Payloads) => MhtmlCase)[] = [
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML page with scripts',
      head: `<script>${p.js('mht-script')}</script>`,
    };
    return {
      ...made,
      message: related([
        [
          'Content-Type: text/html',
          'Content-Transfer-Encoding: quoted-printable',
          'Content-Location: https://news.example.org/harbour',
          '',
          quotedPrintable(page(p.id, made)),
        ],
        [
          'Content-Type: text/javascript',
          `Content-Location: ${p.url('mht-js-part')}`,
          '',
          p.js('mht-js-part'),
        ],
      ]),
    };
  },
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML page at a javascript location',
      sentence: BENIGN_SENTENCE.replace('harbour inquiry', '<a href="relative">harbour inquiry</a>'),
    };
    return {
      ...made,
      message: related([
        [
          'Content-Type: text/html; charset=utf-8',
          `Content-Location: ${p.jsUrl('mht-location')}`,
          'Content-Transfer-Encoding: base64',
          '',
          base64(page(p.id, made)),
        ],
      ]).replace(
        'Snapshot-Content-Location: https://news.example.org/harbour',
        `Snapshot-Content-Location: ${p.jsUrl('mht-snapshot')}`,
      ),
    };
  },
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML with a file location',
      before: '<img src="cid:image1"><a href="secret.txt">Local</a>',
    };
    return {
      ...made,
      message: related([
        [
          'Content-Type: text/html',
          'Content-Location: file:///C:/Users/victim/Desktop/page.html',
          '',
          page(p.id, made),
        ],
        [
          'Content-Type: image/png',
          'Content-ID: <image1>',
          `Content-Location: ${p.url('mht-image')}`,
          'Content-Transfer-Encoding: base64',
          '',
          'iVBORw0KGgo=',
        ],
      ]),
    };
  },
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML whose start part is a hostile frame',
      before: `<iframe src="cid:frame"></iframe>`,
    };
    const frame = `<html><body onload="${p.js('mht-frame')}"><script>${p.js('mht-frame-script')}</script><p>Frame text.</p></body></html>`;
    return {
      ...made,
      message: related(
        [
          ['Content-Type: text/html', 'Content-ID: <root>', '', page(p.id, made)],
          [
            'Content-Type: text/html',
            'Content-ID: <frame>',
            `Content-Location: ${p.url('mht-frame')}`,
            '',
            frame,
          ],
        ],
        '----boundary-start',
        '; start="<root>"',
      ),
    };
  },
  (p) => {
    const made: HtmlCase = { category: 'mime', description: 'MHTML declaring UTF-7' };
    // UTF-7 turns +ADw- into < : the classic charset trick that made harmless bytes into a script tag.
    const html = page(p.id, made).replace(
      '</article>',
      `+ADw-script+AD4-${p.js('utf7')}+ADw-/script+AD4-</article>`,
    );
    return {
      ...made,
      payloadAsText: true,
      message: related([['Content-Type: text/html; charset=utf-7', '', html]]),
    };
  },
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML based at the attacker',
      before: '<img src="pixel.gif"><link rel="stylesheet" href="style.css">',
      sentence: BENIGN_SENTENCE.replace('the cranes', '<a href="/cranes">the cranes</a>'),
    };
    return {
      ...made,
      message: related([
        ['Content-Type: text/html', `Content-Location: ${p.url('mht-base')}/`, '', page(p.id, made)],
      ]),
    };
  },
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML nested alternative parts',
      bodyAttributes: `onload="${p.js('mht-nested')}"`,
    };
    const inner = [
      '--inner',
      'Content-Type: text/plain',
      '',
      `<script>${p.js('mht-plain')}</script>`,
      '--inner',
      'Content-Type: text/html',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(page(p.id, made)),
      '--inner--',
    ].join(CRLF);
    return {
      ...made,
      message: related([['Content-Type: multipart/alternative; boundary="inner"', '', inner]]),
    };
  },
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML with a refresh and a stylesheet part',
      head: `<meta http-equiv="refresh" content="0;url=${p.url('mht-refresh')}"><link rel="stylesheet" href="cid:css">`,
    };
    return {
      ...made,
      message: related([
        ['Content-Type: text/html', '', page(p.id, made)],
        [
          'Content-Type: text/css',
          'Content-ID: <css>',
          '',
          `@import url(${p.url('mht-css')});body{background:url(${p.jsUrl('mht-css-js')})}`,
        ],
      ]),
    };
  },
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML with SVG and HTML resource parts',
      before: `<img src="cid:svg"><object data="cid:doc"></object>`,
    };
    return {
      ...made,
      message: related([
        ['Content-Type: text/html', '', page(p.id, made)],
        [
          'Content-Type: image/svg+xml',
          'Content-ID: <svg>',
          '',
          `<svg xmlns="http://www.w3.org/2000/svg" onload="${p.js('mht-svg')}"/>`,
        ],
        [
          'Content-Type: application/xhtml+xml',
          'Content-ID: <doc>',
          '',
          `<html xmlns="http://www.w3.org/1999/xhtml"><script>${p.js('mht-xhtml')}</script></html>`,
        ],
      ]),
    };
  },
  (p) => {
    const made: HtmlCase = {
      category: 'mime',
      description: 'MHTML with headers folded around a script',
      head: `<script src="${p.url('mht-folded')}"></script>`,
    };
    return {
      ...made,
      message: related([
        [
          'Content-Type: text/html;',
          `\tcharset="utf-8"; name="<script>${p.js('mht-header')}</script>"`,
          'Content-Disposition: inline; filename="../../evil.html"',
          '',
          page(p.id, made),
        ],
      ]),
    };
  },
];
