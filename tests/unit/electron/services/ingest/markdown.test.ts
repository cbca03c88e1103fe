// Markdown becomes the prose a reader sees, with its structure in blocks and its links as marks; no syntax
// and no HTML may leak into the canonical text.
import { describe, expect, it } from 'vitest';
import { structureMarkdown } from '../../../../../electron/services/ingest/markdown';

function describeBlocks(source: string) {
  const { text, blocks } = structureMarkdown(source);
  return blocks.map((block) => ({
    type: block.type,
    text: text.slice(block.start, block.end),
    ...(block.level === undefined ? {} : { level: block.level }),
  }));
}

describe('structureMarkdown', () => {
  it('turns headings into heading blocks with their level', () => {
    expect(describeBlocks('# Russia and Venezuela\n\n## Background\n\nText.\n\nSetext\n------\n')).toEqual([
      { type: 'heading', text: 'Russia and Venezuela', level: 1 },
      { type: 'heading', text: 'Background', level: 2 },
      { type: 'paragraph', text: 'Text.' },
      { type: 'heading', text: 'Setext', level: 2 },
    ]);
  });

  it('joins blocks with a blank line and keeps no Markdown syntax', () => {
    const source = '# *Big* news\n\nSome **strong** and _soft_ words with `code`.\n\n---\n\n> Quoted\n';
    expect(structureMarkdown(source).text).toBe(
      'Big news\n\nSome strong and soft words with code.\n\nQuoted',
    );
  });

  it('makes one quote block per paragraph of a block quote', () => {
    expect(describeBlocks('> First part.\n>\n> Second part.\n')).toEqual([
      { type: 'quote', text: 'First part.' },
      { type: 'quote', text: 'Second part.' },
    ]);
  });

  it('makes list items blocks, including nested ones', () => {
    expect(describeBlocks('- Energy\n- Defence\n  1. Rifles\n  2. Aircraft\n- Trade\n')).toEqual([
      { type: 'listItem', text: 'Energy' },
      { type: 'listItem', text: 'Defence' },
      { type: 'listItem', text: 'Rifles' },
      { type: 'listItem', text: 'Aircraft' },
      { type: 'listItem', text: 'Trade' },
    ]);
  });

  it('keeps code blocks as code', () => {
    expect(describeBlocks('```js\nconst a = 1;\nconsole.log(a);\n```\n')).toEqual([
      { type: 'code', text: 'const a = 1;\nconsole.log(a);' },
    ]);
  });

  it('keeps link text and records the target as a mark on the block', () => {
    const { text, blocks } = structureMarkdown(
      'Read [the TASS report](https://tass.com/a "TASS") and [this][ref].\n\n[ref]: https://example.org/b\n',
    );
    expect(text).toBe('Read the TASS report and this.');
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        start: 0,
        end: 30,
        marks: [
          { type: 'link', start: 5, end: 20, href: 'https://tass.com/a' },
          { type: 'link', start: 25, end: 29, href: 'https://example.org/b' },
        ],
      },
    ]);
    expect(text.slice(5, 20)).toBe('the TASS report');
  });

  it('places marks by their offset in the whole text, not in the block', () => {
    const { text, blocks } = structureMarkdown('# Title\n\nSee [here](https://x.test).\n');
    const mark = blocks[1]?.marks?.[0];
    expect(mark && text.slice(mark.start, mark.end)).toBe('here');
  });

  it('drops images, HTML, rules and front matter', () => {
    const source = [
      '---',
      'title: Not prose',
      '---',
      '<div class="ad"><script>alert(1)</script></div>',
      '',
      'Caracas ![photo](p.jpg) today <b>said</b> so.',
      '',
      '***',
      '',
      '![only an image](q.png)',
      '',
      '<!-- a comment -->',
    ].join('\n');
    const { text, blocks } = structureMarkdown(source);
    expect(text).toBe('Caracas today said so.');
    expect(blocks).toHaveLength(1);
    expect(text).not.toMatch(/[<>]/);
  });

  it('keeps the text of a document that only starts with a rule', () => {
    expect(structureMarkdown('---\n\nIntro paragraph.\n\nMore text\n---\n').text).toBe(
      'Intro paragraph.\n\nMore text',
    );
  });

  it('turns hard line breaks into newlines and soft ones into spaces', () => {
    expect(structureMarkdown('One line\nthe same paragraph  \nafter a break\\\nand another').text).toBe(
      'One line the same paragraph\nafter a break\nand another',
    );
  });

  it('never lets a block start or end with whitespace', () => {
    const { text, blocks } = structureMarkdown('![x](y.png) Text after an image\n\n- [ ] \n\n  Indented  \n');
    for (const block of blocks) {
      expect(text.slice(block.start, block.end)).toBe(text.slice(block.start, block.end).trim());
    }
  });
});

describe('structureMarkdown on extreme input', () => {
  it('reads quotes nested thousands deep', () => {
    expect(describeBlocks(`${'>'.repeat(10_000)} deep`)).toEqual([{ type: 'quote', text: 'deep' }]);
  });
});
