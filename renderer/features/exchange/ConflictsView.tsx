// Rows a merge found changed on both sides (issue 8). The merge kept the later change; each conflict here
// shows the fields that differ side by side, this project's version and the teammate's, the kept one marked,
// and lets the user keep it (the conflict goes away) or take the other version instead. A row changed again
// since the merge cannot take the other version: the user edits it directly.
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { StoredConflict } from '../../../shared/contract-exchange';
import { plural } from '../../store/exchange';
import { useDossier } from '../../store/index';
import { fieldLabel, fieldList, formatTimestamp, formatValue, useNames } from './parts';
import './exchange.css';

const conflictId = (c: StoredConflict) => `${c.mergeId}:${c.table}:${c.key}`;

export function ConflictsView() {
  const conflicts = useDossier((s) => s.conflicts);
  const loadConflicts = useDossier((s) => s.loadConflicts);
  // Afresh on each visit: a row edited meanwhile can no longer take the other version.
  useEffect(() => {
    void loadConflicts();
  }, [loadConflicts]);
  return (
    <main className="view conflicts-view" aria-labelledby="conflicts-title">
      <header className="view-header">
        <h1 id="conflicts-title">Conflicts</h1>
        <p className="hint">
          {conflicts.length === 0
            ? 'No conflicts: nothing merged was changed on both sides, or every conflict has been settled.'
            : `${plural(conflicts.length, 'row was', 'rows were')} changed both here and in a teammate’s file. Each merge kept the later change; keep it, or use the other version.`}
        </p>
      </header>
      {conflicts.length > 0 && (
        <ul className="conflict-list" aria-label="Conflicts">
          {conflicts.map((c) => (
            <ConflictItem key={conflictId(c)} conflict={c} />
          ))}
        </ul>
      )}
    </main>
  );
}

function ConflictItem({ conflict: c }: { conflict: StoredConflict }) {
  const resolve = useDossier((s) => s.resolveConflict);
  const name = useNames();
  const [busy, setBusy] = useState(false);
  const headingId = `conflict-${conflictId(c).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const other = c.kept === 'ours' ? 'theirs' : 'ours';
  const take = async (side: 'ours' | 'theirs') => {
    setBusy(true);
    // On success the item leaves the list; on failure it stays (the message is a toast).
    const done = await resolve(c, side);
    if (!done) setBusy(false);
  };
  const sides = [
    { side: 'ours' as const, title: 'This project’s version' },
    { side: 'theirs' as const, title: `The teammate’s version (from “${c.sourceProjectName}”)` },
  ];
  return (
    <li className="conflict-item">
      <article aria-labelledby={headingId}>
        <h2 id={headingId} className="conflict-title">
          {c.label.charAt(0).toUpperCase() + c.label.slice(1)}
        </h2>
        <p className="conflict-meta">
          Changed on both sides: {fieldList(c.fields)}. From “{c.fileName}” (the project “
          {c.sourceProjectName}”), merged {formatTimestamp(c.mergedAt)}. The merge kept{' '}
          {c.kept === 'ours' ? 'this project’s version' : 'the teammate’s version'}, the later change.
        </p>
        <table className="conflict-table">
          <caption className="visually-hidden">The fields that differ</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {sides.map(({ side, title }) => (
                <th key={side} scope="col" className={side === c.kept ? 'kept' : undefined}>
                  {title}
                  {side === c.kept && (
                    <span className="kept-badge">
                      <span aria-hidden="true">✓ </span>Kept
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.fields.map((field) => (
              <tr key={field}>
                <th scope="row">{fieldLabel(field)}</th>
                {sides.map(({ side }) => (
                  <td key={side} className={side === c.kept ? 'kept' : undefined}>
                    {formatValue(c.table, field, c[side][field], name)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {!c.current && <p className="hint conflict-changed">Changed since the merge; edit it directly.</p>}
        <div className="conflict-actions">
          <Button
            className="secondary-button"
            aria-describedby={headingId}
            isDisabled={busy}
            onPress={() => void take(c.kept)}
          >
            Keep this version
          </Button>
          <Button
            className="secondary-button"
            aria-describedby={headingId}
            isDisabled={busy || !c.current}
            onPress={() => void take(other)}
          >
            Use the other version
          </Button>
        </div>
      </article>
    </li>
  );
}
