// Notes show Markdown's text-level formatting and nothing more: no HTML, no live links, no layout.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NoteText } from '../../../renderer/features/annotations/NoteText';
import { parseNote } from '../../../renderer/features/annotations/noteMarkdown';

const html = (note: string) => renderToStaticMarkup(createElement(NoteText, { note }));

describe('notes in Markdown', () => {
  it('keeps emphasis, strong, code and line breaks', () => {
    expect(html('Said by *Lavrov*, **twice**, see `AK-103`')).toBe(
      '<span><span class="note-paragraph">Said by <em>Lavrov</em>, <strong>twice</strong>, see <code>AK-103</code></span></span>',
    );
    expect(parseNote('one  \ntwo')).toEqual([
      [{ kind: 'text', text: 'one' }, { kind: 'break' }, { kind: 'text', text: 'two' }],
    ]);
  });

  it('shows links as text with their address, never as live links', () => {
    const out = html('[TASS](https://tass.com/world/1) and [x](javascript:alert(1))');
    expect(out).not.toContain('<a');
    expect(out).toContain('<span class="link-text" title="https://tass.com/world/1">TASS</span>');
    expect(out).toContain('title="javascript:alert(1)">x</span>');
  });

  it('never lets HTML through: it is shown as the text it is', () => {
    const out = html('<img src=x onerror=alert(1)> and <b>bold</b>\n\n<script>alert(1)</script>');
    expect(out).not.toMatch(/<img|<script|<b>/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('flattens headings, lists and quotes into plain paragraphs', () => {
    expect(parseNote('# Claim\n\n- first\n- second\n\n> quoted')).toEqual([
      [{ kind: 'text', text: 'Claim' }],
      [{ kind: 'text', text: 'first' }],
      [{ kind: 'text', text: 'second' }],
      [{ kind: 'text', text: 'quoted' }],
    ]);
    expect(html('# Claim')).not.toContain('<h1');
  });
});

describe('hostile notes', () => {
  it('shows deeply nested or very long formatting as text, quickly, without losing a character', () => {
    const nested = `${'*'.repeat(500)}deep${'*'.repeat(500)}`;
    const started = performance.now();
    const out = parseNote(nested).flat();
    const text = JSON.stringify(out);
    expect(text).toContain('deep');
    const long = `${'_a '.repeat(4000)}${' a_'.repeat(4000)}`;
    expect(parseNote(long).flat()).toEqual([{ kind: 'text', text: long }]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
