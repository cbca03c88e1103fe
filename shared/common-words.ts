// The words found in most texts of a language: function words, and the verbs of reporting that news
// repeats. The search index keeps word pairs ("of the", "the of") only where both words are among them
// (schema 11): a phrase of such words is looked up as pairs, because each of its words has a list as long as
// the project and reading them would be slow; any other phrase has a word outside this list, whose list is
// short enough to read (shared/search-query.ts). This is the technique of Lucene's CommonGramsFilter, narrowed
// to pairs of two common words, which costs a fifth of indexing every pair.
//
// PART OF THE INDEX FORMAT. A search looks a phrase up as pairs when all its words are here, so a word added
// would make phrases miss what an older index holds. Changing this list needs a schema migration that
// rebuilds the index (fillSearchIndex); tests/unit/shared/common-words.test.ts holds the list to its
// fingerprint so that it cannot change by accident.
import { foldForSearch } from './annotations';

const LISTS: Record<string, string> = {
  en:
    'the of and to a in is it that was for on are as with his her they at be this from have has had ' +
    'by not or but an were which you all their there been one would will said says can more who its than ' +
    'into about after also he she we i our us him them so if no up out when what over two new other',
  es:
    'de la que el en y a los se del las un por con no una su para es al lo como más mas pero sus le ya o ' +
    'fue este ha si porque esta son entre cuando muy sin sobre también tambien me hasta hay donde han ' +
    'dijo segun según ser dos desde todo nos durante',
  fr:
    'de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se ce il sont cette ' +
    'aux avec ont son ses mais elle ou été ete comme nous leur deux selon a déclaré declare aussi',
  de:
    'der die und in den von zu das mit sich des auf für fur ist im dem nicht ein eine als auch es an er ' +
    'hat aus bei sie nach wird wurde sagte einer um am sind noch wie einem über uber einen so zum zur vor ' +
    'oder',
  nl:
    'de en van het een in is dat op te zijn met voor niet aan er die als om ook door bij maar nog uit ' +
    'wordt werd heeft zei dan tot naar over hij zij ze we was',
  pt:
    'de a o que e do da em um para com não nao uma os no se na por mais as dos como mas ao ele das à seu ' +
    'sua ou quando muito nos já ja foi disse segundo são sao pelo pela',
  it:
    'di e il la che in a per un è del non una sono le con si da i al della come lo ha ma anche nel ed ' +
    'ha detto secondo più piu gli dei alla',
  ru:
    'и в не на что с по как он а к это из о за у от то же но все она так его для был только было ' +
    'сказал также еще ещё при бы',
  uk: 'і в у на що з не та до як це за від про але його для був також',
  vi:
    'của và các có là được trong người cho này không một những với đã để khi từ đến ra về theo cũng ' +
    'nhiều tại năm sẽ vào như thì ở bị làm sau đó nên mà lại nói cho biết',
  id: 'yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga ada kata oleh',
};

/** The common words, folded as search folds them ("según" is "segun"). */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  Object.values(LISTS).flatMap((list) => list.split(' ').map(foldForSearch)),
);

export const isCommonWord = (word: string): boolean => COMMON_WORDS.has(word);
