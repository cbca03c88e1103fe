// The language comes from the document's own prose, by franc's models and distance (computed faster than
// franc does, so the results are checked against franc itself), as a BCP 47 tag with its evidence.
import { francAll } from 'franc';
import { describe, expect, it } from 'vitest';
import {
  bcp47FromIso6393,
  detectLanguage,
  rankLanguages,
} from '../../../../../electron/services/ingest/language';
import type { Block } from '../../../../../shared/domain';

const BODY = {
  en: 'The government announced on Tuesday a new energy cooperation agreement with its regional partners. According to the minister, negotiations will continue in the coming weeks to settle the technical details of the project.',
  es: 'El gobierno anunció este martes un nuevo acuerdo de cooperación energética con sus socios regionales. Según el ministro, las negociaciones continuarán durante las próximas semanas para definir los detalles técnicos del proyecto.',
  pt: 'O governo anunciou nesta terça-feira um novo acordo de cooperação energética com os seus parceiros regionais. Segundo o ministro, as negociações vão continuar nas próximas semanas para definir os detalhes técnicos do projeto.',
  fr: 'Le gouvernement a annoncé mardi un nouvel accord de coopération énergétique avec ses partenaires régionaux. Selon le ministre, les négociations se poursuivront dans les prochaines semaines afin de préciser les détails techniques du projet.',
  de: 'Die Regierung hat am Dienstag ein neues Abkommen über die Zusammenarbeit im Energiebereich mit ihren regionalen Partnern angekündigt. Nach Angaben des Ministers sollen die Verhandlungen in den kommenden Wochen fortgesetzt werden, um die technischen Einzelheiten des Projekts festzulegen.',
  nl: 'De regering heeft dinsdag een nieuw akkoord over samenwerking op het gebied van energie met haar regionale partners aangekondigd. Volgens de minister worden de onderhandelingen de komende weken voortgezet om de technische details van het project vast te leggen.',
  ru: 'Правительство во вторник объявило о новом соглашении об энергетическом сотрудничестве с региональными партнёрами. По словам министра, переговоры продолжатся в ближайшие недели, чтобы согласовать технические детали проекта.',
  vi: 'Chính phủ hôm thứ Ba đã công bố một thỏa thuận hợp tác năng lượng mới với các đối tác trong khu vực. Theo bộ trưởng, các cuộc đàm phán sẽ tiếp tục trong những tuần tới để thống nhất các chi tiết kỹ thuật của dự án.',
};

/** One block per line, some of them marked as boilerplate. */
function documentOf(lines: { text: string; boilerplate?: boolean }[]): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  let start = 0;
  for (const line of lines) {
    blocks.push({
      type: 'paragraph',
      start,
      end: start + line.text.length,
      ...(line.boilerplate && { boilerplate: true }),
    });
    start += line.text.length + 1;
  }
  return { text: lines.map((line) => line.text).join('\n'), blocks };
}

function detect(...texts: string[]) {
  const { text, blocks } = documentOf(texts.map((line) => ({ text: line })));
  return detectLanguage(text, blocks);
}

describe('rankLanguages', () => {
  const samples = [
    ...Object.values(BODY),
    BODY.nl.slice(0, 90),
    `${BODY.en} ${BODY.vi}`,
    'Ελληνικά: η κυβέρνηση ανακοίνωσε σήμερα νέα συμφωνία συνεργασίας στον τομέα της ενέργειας.',
    '政府周二宣布与地区伙伴签署新的能源合作协议。',
    '정부는 화요일 지역 파트너들과 새로운 에너지 협력 협정을 발표했다.',
    'Numbers only: 12 345 678 910 — “quotes” ’n’ dashes — Ⅷ ℃ ☃',
    `${'word '.repeat(600)}end`,
    '12345 67890',
  ];

  it('gives exactly what franc gives: the same languages, in the same order, with the same scores', () => {
    for (const sample of samples) {
      const ours = rankLanguages(sample).map(({ code, score }) => [code, score]);
      const francs = francAll(sample).filter(([code]) => code !== 'und');
      expect(ours, sample).toHaveLength(francs.length);
      ours.forEach(([code, score], i) => {
        expect(code, sample).toBe(francs[i]?.[0]);
        expect(score, sample).toBeCloseTo(francs[i]?.[1] ?? NaN, 12);
      });
    }
  });
});

describe('detectLanguage', () => {
  it.each(Object.entries(BODY))('detects %s from a paragraph of it', (language, paragraph) => {
    expect(detect('Headline', paragraph)?.value).toBe(language);
  });

  it('says which detector decided, on what', () => {
    expect(detect(BODY.en)?.evidence).toEqual({
      source: 'detected',
      detail: expect.stringMatching(
        /^franc: eng \(next: \w{3} 0\.\d{3}\), from \d+ characters of text$/,
      ) as unknown,
    });
  });

  it('reads the article, not the boilerplate around it', () => {
    const { text, blocks } = documentOf([
      { text: 'Vietnam.vn - Nền tảng quảng bá Việt Nam trong khu vực và trên thế giới', boilerplate: true },
      { text: BODY.en },
      { text: `${BODY.vi} ${BODY.vi}`, boilerplate: true },
    ]);
    expect(detectLanguage(text, blocks)?.value).toBe('en');
  });

  it('leaves the language out when there is too little text to tell', () => {
    expect(detect('He said no.')).toBeUndefined();
    expect(detect('Comment (0)', 'No data')).toBeUndefined();
    expect(detect('2024 — 08/11 — 12:30')).toBeUndefined();
    const { text, blocks } = documentOf([{ text: BODY.en, boilerplate: true }]);
    expect(detectLanguage(text, blocks)).toBeUndefined();
  });

  it('takes short English for English, not Scots, on a near tie', () => {
    const sample = 'Interview notes from Caracas. The source confirmed that the treaty was signed in 1996.';
    const [best, next] = rankLanguages(sample);
    expect([best?.code, next?.code]).toEqual(['sco', 'eng']);
    const found = detect(sample);
    expect(found?.value).toBe('en');
    expect(found?.evidence.detail).toMatch(/^franc: eng \(next: sco/);
  });

  it('reads short lines when a document has nothing longer', () => {
    expect(
      detect('Het kabinet', 'valt opnieuw', 'over de stikstof', 'en de boeren', 'protesteren weer')?.value,
    ).toBe('nl');
  });

  it('samples only the start of a long document, so a long tail in another language does not decide', () => {
    const tail = Array.from({ length: 40 }, () => BODY.de);
    expect(detect(BODY.en, BODY.en, BODY.en, BODY.en, BODY.en, ...tail)?.value).toBe('en');
  });
});

describe('bcp47FromIso6393', () => {
  it('gives the two-letter code where there is one, and keeps the three-letter code otherwise', () => {
    expect(['eng', 'nld', 'spa', 'por', 'fra', 'deu', 'rus', 'vie'].map(bcp47FromIso6393)).toEqual([
      'en',
      'nl',
      'es',
      'pt',
      'fr',
      'de',
      'ru',
      'vi',
    ]);
    expect(bcp47FromIso6393('cmn')).toBe('zh');
    expect(bcp47FromIso6393('arb')).toBe('ar');
    expect(bcp47FromIso6393('nob')).toBe('nb');
    expect(bcp47FromIso6393('fuv')).toBe('fuv');
  });
});
