// Marks navigation, share buttons, comment boxes, advertising and lists of unrelated headlines as
// boilerplate, so that the reader can hide them and search and export can skip them. Nothing is removed:
// the blocks stay in the canonical text, so no offset moves. Every rule errs towards keeping a block: a
// hidden paragraph of the article costs a researcher more than a visible "Share this".
import type { Block } from '../../../shared/domain';

/** Shorter lines, even ending in a full stop, may be headlines in a list. */
const MIN_PROSE = 100;
/** Longer blocks are article text (or a cookie notice, which is looked for separately). */
const MAX_PHRASE_BLOCK = 300;
const MAX_COOKIE_NOTICE = 600;
/** The longest whole-line label ("Your email address will not be published" is a prefix, not a label). */
const MAX_LABEL = 60;
/** Copyright lines and "listen to this article" prompts are short. */
const MAX_SHORT_WIDGET = 150;
/** A headline of another article, inserted between paragraphs, is short and has a few words of its own. */
const MAX_INSERTED_HEADLINE = 120;
const MIN_HEADLINE_WORDS = 4;
/** Share of an inserted line's words found elsewhere in the document below which it is about something else. */
const MIN_SHARED_WORDS = 0.25;

/**
 * Widgets and labels that make up a whole line, compared in lower case without surrounding punctuation or
 * counts ("- Advertisement -", "Comment (0)", "12 comments"). English, Dutch, Spanish, Portuguese, French,
 * German, Russian, Vietnamese.
 */
const WIDGET_LINES = new Set(
  [
    // advertising
    'advertisement|advertisements|sponsored|sponsored content|advertentie|advertenties|gesponsord',
    'publicidad|anuncio|patrocinado|publicidade|anúncio|publicité|sponsorisé|anzeige|werbung|gesponsert',
    'реклама|quảng cáo',
    // navigation
    'all news|latest news|top stories|most read|most popular|trending|home|menu|search|back to top',
    'skip to content|next article|previous article|no data|no videos available|loading|click here',
    'alle nieuws|al het nieuws|meer nieuws|meest gelezen|zoeken|todas las noticias|más noticias',
    'lo más leído|buscar|todas as notícias|mais notícias|mais lidas|toutes les actualités',
    "toute l'actualité|les plus lus|rechercher|alle nachrichten|alle meldungen|meistgelesen|suche",
    'все новости|популярное|поиск|tất cả tin tức|tin mới nhất|tìm kiếm',
  ]
    .join('|')
    .split('|'),
);

/**
 * Lines after which a page holds no more article: comment boxes, share and subscribe prompts, lists of
 * related articles. Whatever short lines follow them at the end of a page is furniture too.
 */
const END_WIDGET_LINES = new Set(
  [
    'comment|comments|leave a reply|leave a comment|post a comment|add a comment|share|share this',
    'share this article|share this story|tweet|email|print|follow us|subscribe|subscribe now|newsletter',
    'related|related articles|related news|related posts|related stories|more stories|recommended',
    'you may also like|tags|topics|reactie|reacties|laat een reactie achter|plaats een reactie|deel',
    'delen|deel dit artikel|volg ons|abonneer|abonneren|nieuwsbrief|gerelateerd|gerelateerde artikelen',
    'comentario|comentarios|deja un comentario|deja una respuesta|deja tu comentario|compartir|comparte',
    'comparte esta noticia|síguenos|suscríbete|boletín|noticias relacionadas|relacionado|relacionados',
    'comentário|comentários|deixe um comentário|deixe uma resposta|compartilhe|compartilhar|partilhar',
    'siga-nos|assine|inscreva-se|notícias relacionadas|relacionadas|commentaire|commentaires',
    'laisser un commentaire|laisser une réponse|partager|partagez|suivez-nous|abonnez-vous',
    "s'abonner|articles liés|sur le même sujet|kommentar|kommentare|schreibe einen kommentar",
    'kommentar schreiben|teilen|artikel teilen|folgen sie uns|abonnieren|newsletter abonnieren',
    'verwandte artikel|комментарий|комментарии|оставить комментарий|оставьте комментарий',
    'поделиться|подписаться|подписывайтесь|подпишитесь|по теме|новости по теме|bình luận|chia sẻ',
    'theo dõi|đăng ký|tin liên quan|tin cùng chuyên mục',
  ]
    .join('|')
    .split('|'),
);

/** Prompts that begin a line and end the article: subscribe, follow, share, the comment form. */
const END_WIDGET_START = new RegExp(
  '^(?:' +
    [
      'subscribe to|sign up for|sign up here|sign up to|follow us on|share on|share this|click here to',
      'download our app|download the app|schrijf je in|abonneer je|suscríbete a|inscreva-se',
      'abonnez-vous à|inscrivez-vous|melden sie sich|abonnieren sie|подпишитесь на',
      'your email address will not be published|required fields are marked',
      'je e-mailadres wordt niet gepubliceerd|tu dirección de correo electrónico no será publicada',
      'o seu endereço de e-mail não será publicado|votre adresse e-mail ne sera pas publiée',
      'deine e-mail-adresse wird nicht veröffentlicht|ваш адрес email не будет опубликован',
    ].join('|') +
    ')(?![\\p{L}\\p{N}])',
  'iu',
);

/** Links to other articles: alone on a line, or followed by the headline ("See also  The Israeli …"). */
const LINK_PHRASES = [
  'read more|read also|also read|see also|more|lees ook|lees meer|lees verder|zie ook|leer más',
  'lee también|lea también|ver también|leia mais|leia também|veja também|lire aussi|à lire aussi',
  'lire la suite|voir aussi|lesen sie auch|mehr zum thema|siehe auch|weiterlesen|читайте также',
  'смотрите также|читать далее|подробнее|xem thêm|đọc thêm',
].join('|');
const LINK_LINES = new Set(LINK_PHRASES.split('|'));
const LINK_START = new RegExp(`^(?:${LINK_PHRASES}|related)(?:\\s*:|\\s*[-–—»>|]|\\s{2,})`, 'iu');

/** "© ITAR-TASS", "Copyright 2024 Reuters": short lines only, a paragraph may well begin "Copyright law". */
const COPYRIGHT = /^(?:©|copyright\s*(?:©|\(c\)|\d{4}))/iu;

/** Lines that are boilerplate wherever the phrase sits in them. */
const WIDGET_ANYWHERE = new RegExp(
  [
    'you can now listen to .{1,60} articles|listen to this article',
    'all rights reserved|alle rechten voorbehouden|todos los derechos reservados',
    'todos os direitos reservados|tous droits réservés|alle rechte vorbehalten|все права защищены',
  ].join('|'),
  'iu',
);

const COOKIE_NOTICE =
  /(?<!\p{L})(?:we use|this (?:web)?site uses|utilizamos|usamos|wij gebruiken|we gebruiken|nous utilisons|ce site utilise|wir verwenden|diese website verwendet|мы используем|sử dụng)(?!\p{L})[^]{0,80}cookie/iu;

/** "Source:" and its translations: the page's own note of where the article comes from, never hidden. */
const SOURCE_LINE = /^(?:sources?|bron|fuente|fonte|quelle|nguồn|источник)\s*:/iu;
/** Photo captions and credits ("(Photo by … via Getty Images)", "Foto: …"), which belong to the article. */
const CAPTION_WORDS = ['photo', 'foto', 'image', 'bild', 'фото', 'ảnh', 'getty', 'shutterstock'];
const CAPTION =
  /(?<!\p{L})(?:photo|foto|image|imagen|imagem|bild|фото|ảnh)(?!\p{L})|getty images|shutterstock/iu;
/** "Vietnam.vn - Nền tảng quảng bá Việt Nam": a site's banner above the article. */
const SITE_BANNER = /^(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?:\s+[-–—|:]\s.*)?$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;
/** Footnote markers after a sentence ("…stood idle.[1]", "…last year.¹²", "…said.*"): still its end. */
const FOOTNOTE_MARKS = /(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|[*†‡])+$/u;
const SENTENCE_BREAK = /[.!?…]["'”’»)\]]*\s+["'“‘«(]?\p{Lu}/u;
const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;
const FUNCTION_WORDS = new Set(
  (
    'will would could should after before with from that this these those have what when where which while ' +
    'about over into more most than then they their there been were your does says said also just only some ' +
    'such very them here being other voor over naar niet maar door zijn heeft wordt werd deze meer omdat para ' +
    'como pero sobre tras entre este esta más mais após pour dans avec sans sous plus après cette nicht nach ' +
    'über eine einen einer sich sind wird wurde auch beim после перед более этот будет'
  ).split(' '),
);

/** The blocks and what is read once per block: its text (null when long), prose or not, its label. */
interface Page {
  blocks: Block[];
  texts: (string | null)[];
  prose: boolean[];
  labels: (string | null)[];
  marked: boolean[];
}

export function markBoilerplate(text: string, blocks: Block[]): Block[] {
  const texts = blocks.map((block) =>
    block.end - block.start <= MAX_COOKIE_NOTICE ? text.slice(block.start, block.end) : null,
  );
  const labels = texts.map((line) =>
    line !== null && line.length <= MAX_LABEL ? normaliseLabel(line) : null,
  );
  const page: Page = { blocks, texts, labels, prose: texts.map(isProse), marked: [] };
  page.marked = blocks.map((block, i) => block.boilerplate === true || isWidget(page, i));
  markTrailingFurniture(page);
  markInsertedHeadlines(text, page);
  return blocks.map((block, i) =>
    page.marked[i] && block.boilerplate !== true ? { ...block, boilerplate: true } : block,
  );
}

/** A widget, label, rule or banner, judged from the line alone. */
function isWidget({ texts, labels }: Page, index: number): boolean {
  const line = texts[index];
  if (line === null || line === undefined) return false;
  // Most blocks are paragraphs: the plain search for "cookie" spares them the notice's costly pattern.
  if (/cookie/iu.test(line) && COOKIE_NOTICE.test(line)) return true;
  if (line.length > MAX_PHRASE_BLOCK) return false;
  if (!LETTER_OR_DIGIT.test(line)) return true; // '~~~', '* * *'
  const label = labels[index];
  if (label && (WIDGET_LINES.has(label) || END_WIDGET_LINES.has(label) || LINK_LINES.has(label))) return true;
  if (END_WIDGET_START.test(line) || LINK_START.test(line)) return true;
  if (line.length <= MAX_SHORT_WIDGET && (WIDGET_ANYWHERE.test(line) || COPYRIGHT.test(line))) return true;
  return index < 3 && SITE_BANNER.test(line);
}

/** "- Advertisement -" → "advertisement", "Comment (0)" → "comment", "12 comments" → "comments". */
function normaliseLabel(line: string): string {
  const first = line.search(LETTER);
  if (first < 0) return '';
  let end = line.length;
  while (!LETTER.test(line.charAt(end - 1))) end--;
  return line.slice(first, end).toLowerCase().replace(/\s+/gu, ' ');
}

/**
 * After the article's last paragraph of prose, a comment box, a share or subscribe prompt, a "Related"
 * header or the source note ends the article; the short lines after it (other headlines, section names,
 * "No data") are the page's furniture. Captions and source notes among them are kept.
 */
function markTrailingFurniture({ blocks, texts, labels, prose, marked }: Page): void {
  let lastProse = blocks.length - 1;
  while (lastProse >= 0 && (marked[lastProse] || !prose[lastProse])) lastProse--;
  if (lastProse < 0) return; // no article found, so no end of it either
  const endsArticle = (i: number) => {
    const line = texts[i];
    if (!line) return false;
    const label = labels[i];
    return (
      SOURCE_LINE.test(line) || (label ? END_WIDGET_LINES.has(label) : false) || END_WIDGET_START.test(line)
    );
  };
  let end = lastProse + 1;
  while (end < blocks.length && !endsArticle(end)) end++;
  for (let i = end + 1; i < blocks.length; i++) {
    const line = texts[i];
    if (!line || blocks[i]?.type === 'heading') continue;
    if (!SOURCE_LINE.test(line) && !isCaption(line)) marked[i] = true;
  }
}

function isProse(line: string | null): boolean {
  return line === null || isProseParagraph(line);
}

/** A paragraph of the article, not a headline of a few words: long enough, and written in sentences. */
export function isProseParagraph(line: string): boolean {
  // The end is tested on the last characters only: a `$` pattern would be tried at every full stop.
  return line.length >= MIN_PROSE && (endsSentence(line) || SENTENCE_BREAK.test(line));
}

/** Whether the line ends a sentence, footnote markers after its full stop left aside. */
function endsSentence(line: string): boolean {
  return SENTENCE_END.test(line.slice(-24).replace(FOOTNOTE_MARKS, ''));
}

function endsWithFullStop(line: string): boolean {
  return line.slice(-24).replace(FOOTNOTE_MARKS, '').endsWith('.');
}

/** Photo captions and credits; the plain search first, as most lines name no photo. */
function isCaption(line: string): boolean {
  const lower = line.toLowerCase();
  return CAPTION_WORDS.some((word) => lower.includes(word)) && CAPTION.test(line);
}

/**
 * Sites insert headlines of other articles between paragraphs ("Will the European right rise after Trump's
 * victory?"). Such a line ends without a full stop, sits between paragraphs of prose, and its words hardly
 * occur anywhere else in the document. A caption (repeated, or followed by its credit) is kept.
 */
function markInsertedHeadlines(text: string, { blocks, texts, prose, marked }: Page): void {
  let lowerText: string | undefined;
  for (let i = 1; i < blocks.length - 1; i++) {
    const block = blocks[i];
    const line = texts[i];
    if (!block || !line || marked[i] || block.type === 'heading') continue;
    // A question may be a headline; a full stop (footnote markers aside) ends a sentence of the article.
    if (line.length > MAX_INSERTED_HEADLINE || endsWithFullStop(line) || !prose[i - 1] || !prose[i + 1]) {
      continue;
    }
    const next = texts[i + 1] ?? '';
    if (texts[i - 1] === line || next === line || isCaption(line) || isCaption(next)) continue;
    const words = contentWords(line);
    if (words.length < MIN_HEADLINE_WORDS) continue;
    lowerText ??= text.toLowerCase();
    // Lower case may lengthen a rare letter (İ); then offsets no longer match and the line is kept.
    if (lowerText.length !== text.length) return;
    const lower = lowerText;
    const shared = words.filter((word) => occursOutside(lower, word, block.start, block.end)).length;
    if (shared / words.length < MIN_SHARED_WORDS) marked[i] = true;
  }
}

function contentWords(line: string): string[] {
  const words = line.toLowerCase().match(WORD) ?? [];
  const stems = words.map((word) => word.replace(/['’]s$/u, ''));
  return [...new Set(stems.filter((word) => word.length >= 4 && !FUNCTION_WORDS.has(word)))];
}

/** Whether the word occurs in the text outside [start, end) (as a substring: a near miss counts as shared). */
function occursOutside(lowerText: string, word: string, start: number, end: number): boolean {
  const first = lowerText.indexOf(word);
  if (first < 0) return false;
  if (first < start || first >= end) return true;
  return lowerText.indexOf(word, end) >= 0;
}
