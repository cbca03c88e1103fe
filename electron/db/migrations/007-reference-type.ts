// Schema 7: the type a document is cited as (issue 7), when the user chose one: a news article, a web page, a
// report... NULL means "inferred from what is known" (shared/csl.ts inferReferenceType), so older projects
// need nothing but the column.
import { REFERENCE_TYPES } from '../../../shared/csl';
import type { Migration } from './index';

export const referenceType: Migration = {
  version: 7,
  name: 'reference type of documents',
  up(db) {
    const types = REFERENCE_TYPES.map((t) => `'${t}'`).join(', ');
    db.exec(`ALTER TABLE documents ADD COLUMN reference_type TEXT CHECK (reference_type IN (${types}));`);
  },
};
