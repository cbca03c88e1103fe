// Facts stated in a text's metadata lines (headline, source notes, outlet lines, bylines, datelines), in the
// languages of the corpus, each with its evidence; and nothing the text does not state: no date from the
// body, no year where the dateline has none, no guess between day and month.
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../../../electron/services/ingest/index';
import type { ExtractedMetadata } from '../../../../../electron/services/ingest/types';
import { markBoilerplate } from '../../../../../electron/services/ingest/boilerplate';
import { structurePlainText } from '../../../../../electron/services/ingest/text';
import { extractTextMetadata } from '../../../../../electron/services/ingest/text-metadata';

const BODY = {
  en: 'The government announced on Tuesday a new energy cooperation agreement with its regional partners. According to the minister, negotiations will continue in the coming weeks to settle the technical details of the project.',
  es: 'El gobierno anunció este martes un nuevo acuerdo de cooperación energética con sus socios regionales. Según el ministro, las negociaciones continuarán durante las próximas semanas para definir los detalles técnicos del proyecto.',
  pt: 'O governo anunciou nesta terça-feira um novo acordo de cooperação energética com os seus parceiros regionais. Segundo o ministro, as negociações vão continuar nas próximas semanas para definir os detalhes técnicos do projeto.',
  fr: 'Le gouvernement a annoncé mardi un nouvel accord de coopération énergétique avec ses partenaires régionaux. Selon le ministre, les négociations se poursuivront dans les prochaines semaines afin de préciser les détails techniques du projet.',
  de: 'Die Regierung hat am Dienstag ein neues Abkommen über die Zusammenarbeit im Energiebereich mit ihren regionalen Partnern angekündigt. Nach Angaben des Ministers sollen die Verhandlungen in den kommenden Wochen fortgesetzt werden.',
  nl: 'De regering heeft dinsdag een nieuw akkoord over samenwerking op het gebied van energie met haar regionale partners aangekondigd. Volgens de minister worden de onderhandelingen de komende weken voortgezet om de technische details vast te leggen.',
  ru: 'Правительство во вторник объявило о новом соглашении об энергетическом сотрудничестве с региональными партнёрами. По словам министра, переговоры продолжатся в ближайшие недели, чтобы согласовать технические детали проекта.',
};

/** The metadata of a plain-text file, through the whole import pipeline. */
async function metadataOf(...lines: string[]): Promise<ExtractedMetadata> {
  const doc = await ingestFile('article.txt', new TextEncoder().encode(lines.join('\n\n')), {
    maxFileBytes: 1024 * 1024,
  });
  return doc.metadata;
}

/** The plain values, absent fields left out, for comparing at a glance. */
async function valuesOf(...lines: string[]): Promise<Record<string, unknown>> {
  const metadata = await metadataOf(...lines);
  return Object.fromEntries(Object.entries(metadata).map(([field, found]) => [field, found.value]));
}

describe('datelines', () => {
  it.each([
    ['MADRID, 3 de marzo de 2021 (EFE).- ' + BODY.es, '2021-03-03', 'EFE'],
    ['PARIS, 2 juin 2019 (AFP) - ' + BODY.fr, '2019-06-02', 'AFP'],
    ['BERLIN, 1. Mai 2020 (dpa) - ' + BODY.de, '2020-05-01', 'dpa'],
    ['SÃO PAULO, 12 de abril de 2022 (Reuters) - ' + BODY.pt, '2022-04-12', 'Reuters'],
    ['DEN HAAG, 5 maart 2023 (ANP) - ' + BODY.nl, '2023-03-05', 'ANP'],
    ['WASHINGTON, March 5, 2023 (AP) — ' + BODY.en, '2023-03-05', 'AP'],
  ])('reads %s', async (paragraph, published, outlet) => {
    const metadata = await metadataOf('Energy agreement signed with regional partners', paragraph);
    expect(metadata.published?.value).toBe(published);
    expect(metadata.outlet?.value).toBe(outlet);
    expect(metadata.published?.evidence.source).toBe('dateline');
    expect(paragraph.startsWith(metadata.published?.evidence.detail ?? '-')).toBe(true);
  });

  it('keeps a dateline without a year a month and day, and takes the agency from its tag', async () => {
    const metadata = await metadataOf('Соглашение подписано', `МОСКВА, 15 мая. /ТАСС/. ${BODY.ru}`);
    expect(metadata.published).toEqual({
      value: '--05-15',
      evidence: { source: 'dateline', detail: 'МОСКВА, 15 мая. /ТАСС/.' },
    });
    expect(metadata.outlet?.value).toBe('ТАСС');
    expect(metadata.language?.value).toBe('ru');
  });

  it('takes the agency of a dateline without a date, and nothing from a place alone', async () => {
    expect(await valuesOf('Talks resume', `CARACAS (Reuters) - ${BODY.en}`)).toMatchObject({
      outlet: 'Reuters',
    });
    const bare = await valuesOf('Talks resume', `CARACAS – ${BODY.en}`);
    expect(bare.outlet).toBeUndefined();
    expect(bare.published).toBeUndefined();
  });
});

describe('source notes', () => {
  it.each([
    ['Bron: NOS 5 maart 2023', BODY.nl, 'NOS', '2023-03-05'],
    ['Bron: albaciudad 16februari 2022 (SP)', BODY.nl, 'albaciudad', '2022-02-16'],
    ['Fuente: EFE, 3 de marzo de 2021', BODY.es, 'EFE', '2021-03-03'],
    ['Fonte: Folha 12/04/2022', BODY.pt, 'Folha', '2022-04-12'],
    ['Quelle: dpa, 1. Mai 2020', BODY.de, 'dpa', '2020-05-01'],
    ['Source : Le Monde, 2 juin 2019', BODY.fr, 'Le Monde', '2019-06-02'],
    ['Источник: ТАСС, 15 мая 2020 года', BODY.ru, 'ТАСС', '2020-05-15'],
    ['Source: Reuters, July 2006', BODY.en, 'Reuters', '2006-07'],
    ['Source: Reuters, 2006', BODY.en, 'Reuters', '2006'],
    ['Nguồn: VnExpress 08/11/2024', BODY.en, 'VnExpress', '2024-11-08'],
  ])('reads "%s"', async (note, body, outlet, published) => {
    for (const lines of [
      [note, body, body],
      ['A headline for the article', body, body, note],
    ]) {
      const metadata = await metadataOf(...lines);
      expect(metadata.outlet).toEqual({ value: outlet, evidence: { source: 'source-line', detail: note } });
      expect(metadata.published).toEqual({
        value: published,
        evidence: { source: 'source-line', detail: note },
      });
    }
  });

  it('takes the URL of a source line or of a line that is only a URL, without trailing punctuation', async () => {
    expect((await valuesOf('Headline here', BODY.en, 'Source: https://example.org/a/b-c.html.')).url).toBe(
      'https://example.org/a/b-c.html',
    );
    expect((await valuesOf('Headline here', BODY.nl, 'Bron: https://nos.nl/artikel/123')).url).toBe(
      'https://nos.nl/artikel/123',
    );
    expect((await valuesOf('Headline here', BODY.en, '(https://example.org/story)')).url).toBeUndefined();
    expect((await valuesOf('Headline here', BODY.en, 'https://example.org/story')).url).toBe(
      'https://example.org/story',
    );
  });

  it('prefers the first source note to a second one, of a translation', async () => {
    const metadata = await metadataOf(
      'Bron: albaciudad 16februari 2022 (SP)',
      'orinocotribune 17 februari 2022 (EN) ~~~',
      BODY.nl,
    );
    expect([metadata.outlet?.value, metadata.published?.value]).toEqual(['albaciudad', '2022-02-16']);
  });
});

describe('outlet lines and bylines', () => {
  it('reads an outlet line, undoing the doubled name, and a date label line', async () => {
    expect(
      await valuesOf('Agreement signed', 'Báo Thanh niênBáo Thanh niên14/11/2024', BODY.en),
    ).toMatchObject({
      outlet: 'Báo Thanh niên',
      published: '2024-11-14',
    });
    expect(await valuesOf('Agreement signed', 'Reuters | 5 March 2023 10:45 GMT', BODY.en)).toMatchObject({
      outlet: 'Reuters',
      published: '2023-03-05',
    });
    const labelled = await valuesOf('Agreement signed', 'Published: 05.03.2023 10:45', BODY.en);
    expect(labelled).toMatchObject({ published: '2023-03-05' });
    expect(labelled.outlet).toBeUndefined();
  });

  it('does not take a headline that ends with a date for an outlet line', async () => {
    const values = await valuesOf('Thousands march in Paris on 5 March 2023', BODY.en);
    expect(values.outlet).toBeUndefined();
    expect(values.published).toBeUndefined();
  });

  it.each([
    ['By Jane Doe and John Roe', ['Jane Doe', 'John Roe']],
    ['Door Jan de Vries', ['Jan de Vries']],
    ['Por María García | 3 de marzo de 2021', ['María García']],
    ['Von Anna Schmidt', ['Anna Schmidt']],
    ['Par Jean Dupont et Marie Curie', ['Jean Dupont', 'Marie Curie']],
    ['Автор: Иван Петров', ['Иван Петров']],
  ])('reads the byline "%s"', async (byline, authors) => {
    const metadata = await metadataOf('Agreement signed with partners', byline, BODY.en);
    expect(metadata.authors).toEqual({ value: authors, evidence: { source: 'byline', detail: byline } });
    expect(metadata.title?.value).toBe('Agreement signed with partners');
  });

  it('dates a byline that states a date', async () => {
    expect(
      (await valuesOf('Agreement signed', 'Por María García | 3 de marzo de 2021', BODY.es)).published,
    ).toBe('2021-03-03');
  });

  it('takes no sentence for a byline', async () => {
    for (const line of [
      'Door de oorlog is alles veranderd',
      'By the way',
      'Par exemple, le ministre',
      'By Reuters',
    ]) {
      expect((await metadataOf('Agreement signed', line, BODY.en)).authors, line).toBeUndefined();
    }
  });

  it('names the outlet from a page that names itself, below a stated outlet', async () => {
    expect((await valuesOf('Talks resume', 'You can now listen to Fox News articles!', BODY.en)).outlet).toBe(
      'Fox News',
    );
    expect((await valuesOf('Talks resume', BODY.en, '© 2024 Reuters. All rights reserved.')).outlet).toBe(
      'Reuters',
    );
    const both = await metadataOf('Talks resume', `CARACAS, December 16. /TASS/. ${BODY.en}`, '© ITAR-TASS');
    expect(both.outlet?.value).toBe('TASS');
  });
});

describe('numeric dates', () => {
  const line = 'Reuters | 04/11/2024';

  it('leaves out a date that could be either day or month first when nothing tells which', async () => {
    const values = await valuesOf('Agreement signed', line, BODY.en);
    expect(values.outlet).toBe('Reuters');
    expect(values.published).toBeUndefined();
  });

  it("reads the order from the site's country, the separator or the language", async () => {
    const vietnamese = await valuesOf(
      'Agreement signed',
      line,
      BODY.en,
      'Source: https://thanhnien.vn/a.htm',
    );
    expect(vietnamese.published).toBe('2024-11-04');
    const american = await valuesOf('Agreement signed', line, BODY.en, 'Source: https://www.state.gov/a');
    expect(american.published).toBe('2024-04-11');
    expect((await valuesOf('Agreement signed', 'Reuters | 04.11.2024', BODY.en)).published).toBe(
      '2024-11-04',
    );
    expect((await valuesOf('Acordo assinado', 'Folha | 04/11/2024', BODY.pt)).published).toBe('2024-11-04');
    expect((await valuesOf('Agreement signed', 'Reuters | 11/24/2024', BODY.en)).published).toBe(
      '2024-11-24',
    );
    expect((await valuesOf('Agreement signed', 'Reuters | 2024-11-04', BODY.en)).published).toBe(
      '2024-11-04',
    );
  });
});

describe('no invention', () => {
  it('takes no date from the body of the article', async () => {
    const values = await valuesOf(
      'Russia signs agreements with Venezuela',
      'Russia and Venezuela signed several agreements on November 7 during a visit to Caracas by a senior official.',
      'Venezuelan Vice President Delcy Rodriguez and Russian Foreign Minister Sergei Lavrov met on Thursday to review the alliance.',
      'In 1996, the countries signed the Treaty of Friendship and Cooperation, AFP reported, citing state television.',
    );
    expect(values).toEqual({ title: 'Russia signs agreements with Venezuela', language: 'en' });
  });

  it('takes no outlet from a mention in the body', async () => {
    const values = await valuesOf(
      'Maduro speaks on television',
      'Maduro said in an interview with Russia’s Rossiya 24 TV broadcast on Monday that the elections would go ahead, AFP reported.',
      'He repeated the claim on Twitter later that day, according to Reuters.',
    );
    expect(values.outlet).toBeUndefined();
  });

  it('gives a text without metadata lines nothing but its headline', () => {
    const { text, blocks } = structurePlainText(`Talks in Caracas\n\n${BODY.en}`);
    expect(extractTextMetadata(text, markBoilerplate(text, blocks))).toEqual({
      title: { value: 'Talks in Caracas', evidence: { source: 'headline', detail: 'Talks in Caracas' } },
    });
  });
});

describe('the headline', () => {
  it('is never boilerplate, a byline or a source note', async () => {
    const values = await valuesOf(
      'All news',
      'By Jane Doe',
      'Bron: NOS 5 maart 2023',
      'Energy deal signed',
      BODY.en,
    );
    expect(values.title).toBe('Energy deal signed');
  });

  it('is absent when the article opens with a paragraph', async () => {
    expect((await valuesOf('Bron: NOS 5 maart 2023', BODY.nl)).title).toBeUndefined();
  });
});
