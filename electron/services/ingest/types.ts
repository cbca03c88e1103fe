// What every format reader hands to the import pipeline: canonical text, blocks over it, and whatever
// bibliographic facts the format itself states, each with the evidence it was read from. The pipeline then
// fills the gaps from the text (headline, source lines, datelines), marks boilerplate and detects the
// language, so every reader stays small and every format gets the same treatment.
import type { Block, FieldEvidence } from '../../../shared/domain';

export type MediaType =
  | 'text/plain'
  | 'text/markdown'
  | 'text/html'
  | 'multipart/related' // .mhtml
  | 'application/pdf'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One established value and where it came from. */
export interface Found<T> {
  value: T;
  evidence: FieldEvidence;
}

/**
 * Facts a reader could establish. A field is absent when the source does not state it: never a guess.
 * `published` is a partial date string (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `--MM-DD`, see shared/dates.ts).
 * `language` is a BCP 47 tag (`en`, `nl`, `pt-BR`).
 */
export interface ExtractedMetadata {
  title?: Found<string>;
  outlet?: Found<string>;
  authors?: Found<string[]>;
  url?: Found<string>;
  published?: Found<string>;
  language?: Found<string>;
}

/** A format reader's result, before the shared pipeline (text metadata, boilerplate, language) runs. */
export interface ReadDocument {
  text: string;
  blocks: Block[];
  metadata: ExtractedMetadata;
  /**
   * A language the source declares (`<html lang>`, a DOCX's dc:language). Only a fallback: the text itself
   * decides when it is long enough, because templates declare "en" on every page whatever the article.
   */
  declaredLanguage?: Found<string>;
}
