// The words found in most texts of a language: its function words and, since Dossier's texts are mostly news,
// the words news cannot do without (said, government, minister, officials; chính phủ, quốc hội). The search index keeps word pairs ("of the", "the of") only where both words are among them
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
    'into about after also he she we i our us him them so if no up out when what over two new other ' +
    'say told according government minister president officials official people country countries year ' +
    'years week state states national security public policy political military foreign international ' +
    'ministry spokesman agency reported report statement press office forces region local city capital ' +
    'support meeting announced leaders economic development cooperation situation authorities news sources ' +
    'information despite time day world first last million percent police party including since could ' +
    'should may many most some such only well just made back still now because while where how then these ' +
    'those both each any during under between against before through being do does did very even much ' +
    'three group part former added',
  es:
    'de la que el en y a los se del las un por con no una su para es al lo como más mas pero sus le ya o ' +
    'fue este ha si porque esta son entre cuando muy sin sobre también tambien me hasta hay donde han ' +
    'dijo segun según ser dos desde todo nos durante gobierno presidente país pais año años ministro ' +
    'estado nacional parte además ademas puede tiene política politica seguridad país ante tras según',
  fr:
    'de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se ce il sont cette ' +
    'aux avec ont son ses mais elle ou été ete comme nous leur deux selon a déclaré declare aussi ' +
    'gouvernement président ministre pays année ans état national entre après avant depuis',
  de:
    'der die und in den von zu das mit sich des auf für fur ist im dem nicht ein eine als auch es an er ' +
    'hat aus bei sie nach wird wurde sagte einer um am sind noch wie einem über uber einen so zum zur vor ' +
    'oder regierung präsident minister land jahr jahren staat seit gegen',
  nl:
    'de en van het een in is dat op te zijn met voor niet aan er die als om ook door bij maar nog uit ' +
    'wordt werd heeft zei dan tot naar over hij zij ze we was regering president minister land jaar ' +
    'staat volgens',
  pt:
    'de a o que e do da em um para com não nao uma os no se na por mais as dos como mas ao ele das à seu ' +
    'sua ou quando muito nos já ja foi disse segundo são sao pelo pela governo presidente ministro país ' +
    'ano anos estado',
  it:
    'di e il la che in a per un è del non una sono le con si da i al della come lo ha ma anche nel ed ' +
    'ha detto secondo più piu gli dei alla governo presidente ministro paese anno anni stato',
  ru:
    'и в не на что с по как он а к это из о за у от то же но все она так его для был только было ' +
    'сказал также еще ещё при бы заявил году года россии президент министр правительство страны время ' +
    'которые который более после',
  uk: 'і в у на що з не та до як це за від про але його для був також року україни президент',
  vi:
    'của và các có là được trong người cho này không một những với đã để khi từ đến ra về theo cũng ' +
    'nhiều tại năm sẽ vào như thì ở bị làm sau đó nên mà lại nói cho biết chính phủ nước việt nam công ' +
    'quốc hội đồng bộ trưởng tổng thống kinh tế phát triển hợp tác quan hệ hai ngày tháng dân thành phố ' +
    'tỉnh hà nội đại sứ an ninh trung ương đoàn văn hóa xã trên nhà đảng thủ tướng chủ tịch quân sự',
  id: 'yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga ada kata oleh pemerintah presiden',
};

/** The common words, folded as search folds them ("según" is "segun"). */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  Object.values(LISTS).flatMap((list) => list.split(' ').map(foldForSearch)),
);

export const isCommonWord = (word: string): boolean => COMMON_WORDS.has(word);
