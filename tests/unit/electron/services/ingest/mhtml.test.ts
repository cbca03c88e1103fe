// A single-file web capture is read as the page it holds: the HTML part found in the MIME message, decoded by
// its transfer encoding and charset, with the captured address as a fallback for the page's own URL.
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { readMhtml } from '../../../../../electron/services/ingest/mhtml';
import { refusalOf } from '../../../helpers/refusal';

const CRLF = '\r\n';
const BOUNDARY = '----MultipartBoundary--Rq8fWgF0m0Tr6xRRp4sPdDcnnYBA4Z2bD6WnzwDuLj----';

const ARTICLE =
  '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">' +
  '<title>Café talks</title></head><body><article><h2>Café talks resume</h2>' +
  Array.from(
    { length: 4 },
    (_, i) =>
      `<p>Paragraph ${i + 1}: the delegations met again at the café on the square, where the négociations ` +
      'went on until late in the evening, and <a href="/world/earlier">the earlier round</a> was recalled.</p>',
  ).join('') +
  '</article></body></html>';

/** Quoted-printable as Chrome writes it: `=XX` for non-ASCII bytes and `=`, soft breaks every 76 characters. */
function quotedPrintable(text: string): string {
  const encoded = Array.from(Buffer.from(text, 'utf8'), (byte) =>
    byte === 0x3d || byte > 0x7e
      ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
      : String.fromCharCode(byte),
  ).join('');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 70) lines.push(encoded.slice(i, i + 70));
  return lines.join(`=${CRLF}`);
}

function message(
  headers: string[],
  parts: { headers: string[]; body: string }[],
  boundary = BOUNDARY,
): Uint8Array {
  const text =
    headers.join(CRLF) +
    CRLF +
    CRLF +
    parts
      .map((part) => `--${boundary}${CRLF}${part.headers.join(CRLF)}${CRLF}${CRLF}${part.body}${CRLF}`)
      .join('') +
    `--${boundary}--${CRLF}`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

const CHROME_HEADERS = [
  'From: <Saved by Blink>',
  'Snapshot-Content-Location: https://news.example/world/cafe-talks',
  'Subject: =?utf-8?Q?Caf=C3=A9_talks?=',
  'Date: Fri, 8 Nov 2024 01:30:00 +0700',
  'MIME-Version: 1.0',
  'Content-Type: multipart/related;',
  '\ttype="text/html";',
  `\tboundary="${BOUNDARY}"`,
];

const IMAGE_PART = {
  headers: [
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-Location: https://news.example/logo.png',
  ],
  body: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
};

const refusal = (bytes: Uint8Array) => refusalOf(() => readMhtml(bytes));

describe('readMhtml', () => {
  it('reads a Chrome capture: quoted-printable UTF-8, folded headers, the captured address', () => {
    const bytes = message(CHROME_HEADERS, [
      {
        headers: [
          'Content-Type: text/html',
          'Content-ID: <frame-6A2C@mhtml.blink>',
          'Content-Transfer-Encoding: quoted-printable',
          'Content-Location: https://news.example/world/cafe-talks',
        ],
        body: quotedPrintable(ARTICLE),
      },
      IMAGE_PART,
    ]);
    const result = readMhtml(bytes);
    expect(result.text).toMatch(/^Café talks resume\n\nParagraph 1: the delegations met again at the café/);
    expect(result.text).toContain('négociations');
    expect(result.metadata.url).toEqual({
      value: 'https://news.example/world/cafe-talks',
      evidence: { source: 'html', detail: 'MHTML Snapshot-Content-Location' },
    });
    expect(result.metadata.title?.value).toBe('Café talks');
    // Relative links resolve against the address the page was captured from.
    expect(result.blocks[1]?.marks?.[0]?.href).toBe('https://news.example/world/earlier');
  });

  it('prefers the address the page states itself', () => {
    const withCanonical = ARTICLE.replace(
      '</head>',
      '<link rel="canonical" href="https://news.example/canonical"></head>',
    );
    const bytes = message(CHROME_HEADERS, [
      {
        headers: ['Content-Type: text/html', 'Content-Transfer-Encoding: quoted-printable'],
        body: quotedPrintable(withCanonical),
      },
    ]);
    expect(readMhtml(bytes).metadata.url).toEqual({
      value: 'https://news.example/canonical',
      evidence: { source: 'html', detail: '<link rel="canonical">' },
    });
  });

  it('finds the HTML in a nested multipart/alternative, base64 with a charset parameter', () => {
    const inner = 'inner-boundary';
    const latin1Html = '<html><body><p>Déjà vu in the capital.</p></body></html>';
    const alternative =
      `--${inner}${CRLF}Content-Type: text/plain; charset=us-ascii${CRLF}${CRLF}Plain version${CRLF}` +
      `--${inner}${CRLF}Content-Type: text/html; charset="windows-1252"${CRLF}Content-Transfer-Encoding: base64${CRLF}` +
      `Content-Location: https://archive.example/page${CRLF}${CRLF}` +
      `${Buffer.from(latin1Html, 'latin1')
        .toString('base64')
        .replace(/(.{40})/g, `$1${CRLF}`)}${CRLF}` +
      `--${inner}--`;
    const bytes = message(
      ['MIME-Version: 1.0', `Content-Type: multipart/related; boundary="${BOUNDARY}"`],
      [{ headers: [`Content-Type: multipart/alternative; boundary="${inner}"`], body: alternative }],
    );
    const result = readMhtml(bytes);
    expect(result.text).toBe('Déjà vu in the capital.');
    expect(result.metadata.url).toEqual({
      value: 'https://archive.example/page',
      evidence: { source: 'html', detail: 'MHTML Content-Location' },
    });
  });

  it('takes the root part named by the start parameter', () => {
    const bytes = message(
      [
        'MIME-Version: 1.0',
        `Content-Type: multipart/related; type="text/html"; start="<root@x>"; boundary="${BOUNDARY}"`,
      ],
      [
        { headers: ['Content-Type: text/html', 'Content-ID: <frame@x>'], body: '<p>An embedded frame</p>' },
        {
          headers: ['Content-Type: text/html', 'Content-ID: <root@x>', 'Content-Transfer-Encoding: 8bit'],
          body: '<p>The page</p>',
        },
      ],
    );
    expect(readMhtml(bytes).text).toBe('The page');
  });

  it('refuses a capture with no HTML part, and a file that is not MIME', async () => {
    const imagesOnly = message(CHROME_HEADERS, [IMAGE_PART]);
    expect(await refusal(imagesOnly)).toMatch(/holds no web page \(no HTML part was found\)/);
    expect(await refusal(new TextEncoder().encode('Just some text, no headers at all'))).toMatch(
      /no HTML part/,
    );
    expect(await refusal(new Uint8Array())).toBe('The file is empty');
  });
});
