// Pieces the exchange dialogs and the Conflicts view share: a running job's progress bar with its Cancel
// button, the table of what a merge changes, and the words for tables, fields and values of stored rows.
import { Button, Label, ProgressBar } from 'react-aria-components';
import type { TableCounts } from '../../../shared/contract-exchange';
import { isLinkTable, KINDS, type ExchangeJobKind } from '../../store/exchange';
import { useDossier } from '../../store/index';

const PHASES: Record<ExchangeJobKind, Record<string, string>> = {
  export: {
    rows: 'writing documents, passages, claims and the rest',
    originals: 'adding the imported files',
    finishing: 'finishing',
  },
  preview: {
    checking: 'checking the file',
    rows: 'reading what it holds',
    originals: 'reading the imported files',
    sources: 'reading the documents',
  },
  openAsProject: {
    checking: 'checking the file',
    rows: 'reading what it holds',
    originals: 'reading the imported files',
    sources: 'reading the documents',
  },
};

/** The running job's progress (a real progress bar once the main side reports one) and its Cancel button. */
export function JobProgressBar({ label }: { label: string }) {
  const job = useDossier((s) => s.exchangeJob);
  const cancel = useDossier((s) => s.cancelExchangeJob);
  if (!job) return null;
  const progress = job.progress;
  const known = progress !== null && progress.total > 0;
  const phase = progress ? (PHASES[job.kind][progress.phase] ?? progress.phase) : null;
  return (
    <div className="exchange-progress">
      <ProgressBar
        className="progress"
        isIndeterminate={!known}
        value={known ? Math.min(progress.done, progress.total) : 0}
        maxValue={known ? progress.total : 100}
        valueLabel={
          known ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : undefined
        }
      >
        {({ percentage }) => (
          <>
            <Label>
              {label}
              {phase ? `: ${phase}` : '…'}
            </Label>
            <div className="progress-track">
              <div
                className={known ? 'progress-fill' : 'progress-fill progress-indeterminate'}
                style={known ? { width: `${percentage ?? 0}%` } : undefined}
              />
            </div>
            {known && (
              <span className="progress-counts">
                {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
              </span>
            )}
          </>
        )}
      </ProgressBar>
      {job.cancelRequested ? (
        <p className="hint" role="status">
          Cancelling…
        </p>
      ) : (
        <Button className="secondary-button" autoFocus onPress={cancel}>
          Cancel
        </Button>
      )}
    </div>
  );
}

const ZERO: TableCounts = { added: 0, updated: 0, deleted: 0, unchanged: 0, conflicts: 0, matched: 0 };

function sum(counts: Record<string, TableCounts>, tables: readonly string[]): TableCounts {
  const total = { ...ZERO };
  for (const table of tables) {
    const c = counts[table];
    if (!c) continue;
    total.added += c.added;
    total.updated += c.updated;
    total.deleted += c.deleted;
    total.unchanged += c.unchanged;
    total.conflicts += c.conflicts;
    total.matched += c.matched;
  }
  return total;
}

/** What a merge would change (or changed), by kind: New / Updated / Deleted / Conflicts. */
export function CountsTable({ counts, past }: { counts: Record<string, TableCounts>; past: boolean }) {
  const links = Object.keys(counts).filter(isLinkTable);
  const rows = [
    ...KINDS.map((k) => ({ id: k.id, label: k.label, c: sum(counts, k.tables) })),
    { id: 'links', label: 'Links', c: sum(counts, links) },
  ].filter(
    // Saved searches only when a merge touches them; the kinds everyone knows always.
    (row) => row.id !== 'saved_searches' || row.c.added + row.c.updated + row.c.deleted + row.c.conflicts > 0,
  );
  const cell = (n: number) => <td className={n === 0 ? 'count-zero' : undefined}>{n.toLocaleString()}</td>;
  return (
    <table className="exchange-counts">
      <caption>{past ? 'What the merge changed' : 'What merging would change'}</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">{past ? 'Added' : 'New'}</th>
          <th scope="col">Updated</th>
          <th scope="col">Deleted</th>
          <th scope="col">Conflicts</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ id, label, c }) => (
          <tr key={id}>
            <th scope="row">{label}</th>
            {cell(c.added)}
            {cell(c.updated)}
            {cell(c.deleted)}
            {cell(c.conflicts)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FIELD_LABELS: Record<string, string> = {
  statement: 'Statement',
  claimant_id: 'Claimant',
  claim_date: 'Claim date',
  status: 'Status',
  rationale: 'Rationale',
  note: 'Note',
  title: 'Title',
  outlet: 'Outlet',
  url: 'Web address',
  authors: 'Authors',
  published: 'Published',
  language: 'Language',
  evidence: 'Evidence',
  reference_type: 'Kind of reference',
  name: 'Name',
  parent_id: 'Parent tag',
  color: 'Colour',
  aliases: 'Other names',
  kind: 'Kind',
  place_id: 'Place',
  quote_exact: 'Quote',
  deleted_at: 'Deleted',
  merged_into: 'Merged into',
  relation: 'Relation',
  description: 'Description',
};

export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/_id$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldList(fields: readonly string[]): string {
  return fields.length === 0 ? 'no visible field' : fields.map((f) => fieldLabel(f).toLowerCase()).join(', ');
}

export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}

/** Names for the ids a stored row holds (a claimant, a parent tag), from the lists already loaded. */
export function useNames(): (table: string, field: string, id: string) => string | null {
  const entities = useDossier((s) => s.entities);
  const tags = useDossier((s) => s.tags);
  const documents = useDossier((s) => s.documents);
  const claims = useDossier((s) => s.claims);
  const events = useDossier((s) => s.events);
  return (table, field, id) => {
    const find = <T extends { id: string }>(list: readonly T[]) => list.find((item) => item.id === id);
    if (field === 'claimant_id' || field === 'place_id' || field === 'entity_id')
      return find(entities)?.name ?? null;
    if (field === 'parent_id' || field === 'tag_id' || (table === 'tags' && field === 'merged_into'))
      return find(tags)?.name ?? null;
    if (field === 'document_id' || (table === 'documents' && field === 'merged_into'))
      return find(documents)?.title ?? null;
    if (field === 'claim_id') return find(claims)?.statement ?? null;
    if (field === 'event_id') return find(events)?.title ?? null;
    return null;
  };
}

function personName(value: Record<string, unknown>): string | null {
  if (typeof value.literal === 'string') return value.literal;
  const parts = [value.given, value.family].filter((p): p is string => typeof p === 'string');
  return parts.length > 0 ? parts.join(' ') : null;
}

/** A stored value as a person reads it. */
export function formatValue(
  table: string,
  field: string,
  value: unknown,
  name: (table: string, field: string, id: string) => string | null,
): string {
  if (value === null || value === undefined || value === '') {
    return field === 'deleted_at' ? 'Not deleted' : '(empty)';
  }
  if (field === 'deleted_at' && typeof value === 'string') return `Deleted ${formatTimestamp(value)}`;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    if (field.endsWith('_id') || field === 'merged_into') return name(table, field, value) ?? value;
    if (field.endsWith('_at')) return formatTimestamp(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '(empty)';
    return value
      .map((v) =>
        typeof v === 'object' && v !== null
          ? (personName(v as Record<string, unknown>) ?? JSON.stringify(v))
          : String(v),
      )
      .join('; ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
