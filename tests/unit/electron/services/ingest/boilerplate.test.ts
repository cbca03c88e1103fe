// Page furniture is hidden, never removed, and the article never is: each rule is checked on what it should
// catch and on the article text it must leave alone.
import { describe, expect, it } from 'vitest';
import { markBoilerplate } from '../../../../../electron/services/ingest/boilerplate';
import { structurePlainText } from '../../../../../electron/services/ingest/text';
import type { Block } from '../../../../../shared/domain';

const PROSE = [
  'The delegation arrived in Caracas on Thursday and was received by the vice president at the airport, where both sides spoke briefly to reporters.',
  'Officials said the talks would cover energy, defence and trade, and that a joint commission would meet again in the spring to review progress.',
  'The ministry did not say when the agreements would be published, but diplomats expect the texts to be released before the end of the month.',
];

/** The lines of a plain-text document that come out marked as boilerplate. */
function hiddenLines(...lines: string[]): string[] {
  const { text, blocks } = structurePlainText(lines.join('\n\n'));
  return markBoilerplate(text, blocks)
    .filter((block) => block.boilerplate)
    .map((block) => text.slice(block.start, block.end));
}

describe('markBoilerplate', () => {
  it('hides comment boxes, advertising and navigation in the languages of the corpus and beyond', () => {
    const widgets = [
      'Comment (0)',
      '12 comments',
      'Leave a Reply',
      'Laat een reactie achter',
      'Deja un comentario',
      'Deixe um comentário',
      'Laisser un commentaire',
      'Schreibe einen Kommentar',
      'Оставить комментарий',
      'Bình luận',
      '- Advertisement -',
      'Advertentie',
      'Publicidad',
      'Publicidade',
      'Publicité',
      'Anzeige',
      'Реклама',
      'Quảng cáo',
      'All news',
      'Все новости',
      'No data',
    ];
    for (const widget of widgets) expect(hiddenLines(PROSE[0]!, widget, PROSE[1]!), widget).toEqual([widget]);
  });

  it('hides prompts and links that begin a line', () => {
    const prompts = [
      'Subscribe to our newsletter',
      'Sign up here to get the latest news, updates and special offers delivered directly to your inbox.',
      'Your email address will not be published. Required fields are marked *',
      'Follow us on Twitter',
      'Read more: Maduro meets Borisov in Caracas',
      'See also\u00a0 The Israeli Defense Minister says the army is "meticulously planning" an attack',
      'Lees ook: Poetin ontvangt Maduro',
      'Lea también: Maduro recibe a Borisov',
      'Leia também: Maduro recebe Borisov',
      'Lire aussi : Maduro reçoit Borissov',
      'Lesen Sie auch: Maduro empfängt Borissow',
      'Читайте также: Мадуро встретился с Борисовым',
      'Xem thêm: Nga và Venezuela ký thỏa thuận',
      '© ITAR-TASS',
      'Copyright 2024 Reuters. All rights reserved.',
      'the newYou can now listen to Fox News articles!',
      'We use cookies to improve your experience on our site. By continuing you accept our cookie policy.',
    ];
    for (const prompt of prompts) expect(hiddenLines(PROSE[0]!, prompt, PROSE[1]!), prompt).toEqual([prompt]);
  });

  it("hides rules and a site's banner above the article", () => {
    expect(
      hiddenLines('Vietnam.vn - Nền tảng quảng bá Việt Nam', 'Headline of the day', PROSE[0]!, '* * *'),
    ).toEqual(['Vietnam.vn - Nền tảng quảng bá Việt Nam', '* * *']);
  });

  it('hides the list of other headlines after the end of the article, keeping its source note', () => {
    const hidden = hiddenLines(
      ...PROSE,
      'Source: https://example.com/news/123',
      'Comment (0)',
      'Admire the million-year-old Chu Dang Ya volcano in Gia Lai',
      'It took Vo Ha Tram 6 weeks to complete the music project praising the Fatherland.',
      'Heritage',
      'Business',
    );
    expect(hidden).toEqual([
      'Comment (0)',
      'Admire the million-year-old Chu Dang Ya volcano in Gia Lai',
      'It took Vo Ha Tram 6 weeks to complete the music project praising the Fatherland.',
      'Heritage',
      'Business',
    ]);
  });

  it('hides a headline of another article inserted between paragraphs', () => {
    expect(hiddenLines(PROSE[0]!, "Will the European right rise after Trump's victory?", PROSE[1]!)).toEqual([
      "Will the European right rise after Trump's victory?",
    ]);
  });

  it('keeps a paragraph whose sentence ends in a footnote marker', () => {
    const footnoted = [
      'The plant has stood idle since the strike.[1]',
      'The plant has stood idle since the strike.[12][13]',
      'The plant has stood idle since the strike.¹²',
      'The plant has stood idle since the strike.*',
    ];
    for (const line of footnoted) expect(hiddenLines(PROSE[0]!, line, PROSE[1]!), line).toEqual([]);
    // As the last paragraph, it still ends the article: the furniture after it is what is hidden.
    const long = `${PROSE[2]!.slice(0, -1)}, officials added.[2]`;
    expect(hiddenLines(PROSE[0]!, PROSE[1]!, long, 'Comments', 'Other headline of the day')).toEqual([
      'Comments',
      'Other headline of the day',
    ]);
    // A headline ending in a marker-like bracket is still a headline.
    expect(hiddenLines(PROSE[0]!, 'Will the European right rise after the vote? [video]', PROSE[1]!)).toEqual(
      ['Will the European right rise after the vote? [video]'],
    );
  });

  it('keeps short paragraphs, subheadings and captions of the article', () => {
    expect(hiddenLines(PROSE[0]!, 'He said no.', PROSE[1]!)).toEqual([]);
    expect(hiddenLines(PROSE[0]!, 'Caracas – Moscow relations', PROSE[1]!)).toEqual([]);
    expect(
      hiddenLines(PROSE[0]!, 'Officials review the agreements with the vice president', PROSE[1]!),
    ).toEqual([]);
    expect(
      hiddenLines(PROSE[0]!, 'Russian tanks destroyed on a main road', '(AP Photo/Felipe Dana)', PROSE[1]!),
    ).toEqual([]);
    expect(hiddenLines(...PROSE, 'Heritage', 'Business')).toEqual([]);
  });

  it('hides nothing after a source note when no paragraph of prose comes before it', () => {
    expect(
      hiddenLines(
        'Source: Example Wire 16 February 2022',
        'Maduro receives Russian delegation',
        'Short body.',
      ),
    ).toEqual([]);
  });

  it('keeps the end of an article that has no comment box or source note after it', () => {
    expect(
      hiddenLines(...PROSE, 'He declined to comment.', 'Topfoto: the delegation at the airport.'),
    ).toEqual([]);
  });

  it('keeps captions and source notes among the furniture after the article', () => {
    expect(
      hiddenLines(
        ...PROSE,
        'Leave a Reply',
        '(Photo by FEDERICO PARRA/AFP via Getty Images)',
        'Bron: NOS 5 maart 2023',
      ),
    ).toEqual(['Leave a Reply']);
  });

  it('does not take article text for a widget because of a word it shares with one', () => {
    const paragraphs = [
      'Share prices fell sharply on Monday after the central bank raised interest rates again, traders said.',
      'Copyright law in the region has changed twice since 2019, and publishers say the rules remain unclear.',
      'Read more carefully, the agreement leaves the question of debt repayment open until next year.',
      'Comments from the minister suggested that the talks had stalled over the price of the contract.',
      'Amazon.com reports record profits in Latin America',
    ];
    expect(hiddenLines(...paragraphs)).toEqual([]);
  });

  it('never removes or moves a block, and keeps what a reader already marked', () => {
    const text = 'Running header\nBody of the page, long enough to be the article itself.\nComment (0)';
    const blocks: Block[] = [
      { type: 'paragraph', start: 0, end: 14, page: 1, boilerplate: true },
      { type: 'paragraph', start: 15, end: 70, page: 1 },
      { type: 'paragraph', start: 71, end: 82, page: 1 },
    ];
    const before = structuredClone(blocks);
    const marked = markBoilerplate(text, blocks);
    expect(blocks).toEqual(before);
    expect(marked.map(({ start, end, page }) => ({ start, end, page }))).toEqual(
      before.map(({ start, end, page }) => ({ start, end, page })),
    );
    expect(marked.map((block) => block.boilerplate)).toEqual([true, undefined, true]);
  });
});
