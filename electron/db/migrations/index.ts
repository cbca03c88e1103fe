// The registry of schema versions. A project's PRAGMA user_version says which ones it has; opening runs the
// rest in one transaction. Add a file per version and append it here; never edit a released migration.
import type { Database } from 'better-sqlite3';
import { initial } from './001-initial';
import { documentMetadata } from './002-document-metadata';
import { annotations } from './003-annotations';
import { events } from './004-events';
import { search } from './005-search';
import { searchPairs } from './006-search-pairs';
import { referenceType } from './007-reference-type';
import { exchange } from './008-exchange';
import { searchBulk } from './009-search-bulk';
import { liveCounts } from './010-live-counts';
import { searchCommonPairs } from './011-search-common-pairs';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  initial,
  documentMetadata,
  annotations,
  events,
  search,
  searchPairs,
  referenceType,
  exchange,
  searchBulk,
  liveCounts,
  searchCommonPairs,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
