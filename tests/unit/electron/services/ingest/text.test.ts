// Plain text keeps every character; paragraphs are found as ranges, one per line for text copied from the
// web, one per paragraph for hard-wrapped text.
import { describe, expect, it } from 'vitest';
import { structurePlainText } from '../../../../../electron/services/ingest/text';

function blockTexts(input: string): string[] {
  const { text, blocks } = structurePlainText(input);
  return blocks.map((block) => text.slice(block.start, block.end));
}

const WRAPPED = [
  'The delegation arrived in Caracas on Thursday morning and was received',
  'by the vice president at the airport, where both sides spoke briefly to',
  'reporters about the agreements they expected to sign before the end of',
  'the visit.',
].join('\n');

describe('structurePlainText', () => {
  it('keeps the text as it is, only trimming blank space at the very end', () => {
    const input = '  Title  \n\nFirst  paragraph.\n\n\n';
    expect(structurePlainText(input).text).toBe('  Title  \n\nFirst  paragraph.');
  });

  it('makes each non-empty line a paragraph, without its surrounding spaces', () => {
    const result = structurePlainText('  Headline \nFirst paragraph.\n\n\tSecond paragraph.\t\n');
    expect(result.blocks).toEqual([
      { type: 'paragraph', start: 2, end: 10 },
      { type: 'paragraph', start: 12, end: 28 },
      { type: 'paragraph', start: 31, end: 48 },
    ]);
    expect(blockTexts('  Headline \nFirst paragraph.\n\n\tSecond paragraph.\t\n')).toEqual([
      'Headline',
      'First paragraph.',
      'Second paragraph.',
    ]);
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    expect(blockTexts(`Arrival\n\n${WRAPPED}\n\nNext.`)).toEqual(['Arrival', WRAPPED, 'Next.']);
  });

  it('separates wrapped paragraphs even without a blank line between them', () => {
    const second = [
      'Officials said the talks would cover energy, defence and trade, and that',
      'a joint commission would meet again in the spring to review progress on',
      'the projects announced this week.',
    ].join('\n');
    expect(blockTexts(`${WRAPPED}\n${second}`)).toEqual([WRAPPED, second]);
  });

  it('keeps a list of headlines of similar length as separate lines', () => {
    const headlines = [
      'Admire the million-year-old Chu Dang Ya volcano in Gia Lai',
      'Soldiers march through the hot sun on the training ground',
      'Special pilots in the flying formation to celebrate National Day',
      'The powerful formation of 5 SU-30MK2 fighters prepares for the A80',
    ];
    expect(blockTexts(headlines.join('\n'))).toEqual(headlines);
  });

  it('does not join two short lines', () => {
    expect(blockTexts('Dmitry Rogozin\n© ITAR-TASS')).toEqual(['Dmitry Rogozin', '© ITAR-TASS']);
  });

  it('gives a rule of decoration at the end of a line a block of its own, without changing the text', () => {
    const input = 'Bron: albaciudad 16februari 2022 (SP)\norinocotribune 17 februari 2022 (EN) ~~~\n\nBody.';
    expect(structurePlainText(input).text).toBe(input);
    expect(blockTexts(input)).toEqual([
      'Bron: albaciudad 16februari 2022 (SP)',
      'orinocotribune 17 februari 2022 (EN)',
      '~~~',
      'Body.',
    ]);
    expect(blockTexts('Next article *** \nMore ==== \nAbout #### ')).toEqual([
      'Next article',
      '***',
      'More',
      '====',
      'About',
      '####',
    ]);
  });

  it('leaves short dashes, words with hyphens and lines that are only decoration as they are', () => {
    expect(blockTexts('~~~\nScore 3 - 0\nwell-known -- maybe\nSee you ~~\nx---')).toEqual([
      '~~~',
      'Score 3 - 0',
      'well-known -- maybe',
      'See you ~~',
      'x---',
    ]);
  });
});
