// Prepared statements, compiled once per connection. Preparing costs more than running a small insert, and an
// import of thousands of files runs the same few statements thousands of times.
import type { Database, Statement } from 'better-sqlite3';

const cache = new WeakMap<Database, Map<string, Statement>>();

export function statement(db: Database, source: string): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let prepared = statements.get(source);
  if (!prepared) {
    prepared = db.prepare(source);
    statements.set(source, prepared);
  }
  return prepared;
}
