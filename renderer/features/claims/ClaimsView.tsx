// The claims view: every claim in a sortable, filterable table with counts, and the chosen claim opened beside
// it with its passages quoted and its fields editable. The table is virtualised: a project can hold thousands.
import { useDeferredValue, useEffect, useMemo } from 'react';
import {
  Button,
  Cell,
  Column,
  Row,
  Table,
  TableBody,
  TableHeader,
  TableLayout,
  Virtualizer,
  type ColumnProps,
  type SortDescriptor,
} from 'react-aria-components';
import { formatPartialDate } from '../../../shared/dates';
import type { Claim } from '../../../shared/annotations';
import { useDossier } from '../../store/index';
import { singleKey } from '../../components/selection';
import {
  claimLookups,
  claimSources,
  countByStatus,
  filterByStatus,
  filterClaims,
  prepareClaimSearch,
  isFiltered,
  sortClaims,
  tagPath,
  CLAIM_SORT_COLUMNS,
  type ClaimLookups,
  type ClaimSortColumn,
} from './claimFilters';
import { ClaimCounts, ClaimFilterBar } from './ClaimFilters';
import { ClaimEditor } from './ClaimEditor';
import { StatusBadge } from './ClaimStatus';
import './claims.css';

const ROW_HEIGHT = 56;
const HEADING_HEIGHT = 36;

const updatedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const updatedTitleFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

function NoClaimsYet() {
  const setView = useDossier((s) => s.setView);
  return (
    <div className="claims-empty">
      <h2>No claims yet</h2>
      <p>
        A claim is a statement someone made, with the passages that show it. To make one, open a document,
        select the passage that states it and press <kbd>c</kbd> (or select one of its highlights and press{' '}
        <kbd>c</kbd>). You can add passages from other documents to the claim later.
      </p>
      <Button className="primary-button" onPress={() => setView('documents')}>
        Go to documents
      </Button>
    </div>
  );
}

function SortArrow({ direction }: { direction: SortDescriptor['direction'] | undefined }) {
  return (
    <span className="sort-arrow" aria-hidden="true">
      {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
    </span>
  );
}

const COLUMNS: {
  id: ClaimSortColumn;
  name: string;
  width: ColumnProps['width'];
  minWidth: ColumnProps['minWidth'];
}[] = [
  { id: 'statement', name: 'Statement', width: '3fr', minWidth: 220 },
  { id: 'claimant', name: 'Claimant', width: '1fr', minWidth: 110 },
  { id: 'date', name: 'Date', width: '1fr', minWidth: 120 },
  { id: 'status', name: 'Status', width: 118, minWidth: 118 },
  { id: 'sources', name: 'Sources', width: '1.3fr', minWidth: 130 },
  { id: 'tags', name: 'Tags', width: '1fr', minWidth: 90 },
  { id: 'updated', name: 'Updated', width: 118, minWidth: 118 },
];

function SourcesText({ claim }: { claim: Claim }) {
  const sources = claimSources(claim);
  if (sources.length === 0) return <span className="muted">No passage</span>;
  const [first] = sources;
  return (
    <span className="clamp" title={sources.map((s) => s.title).join('\n')}>
      {first!.title || 'Untitled document'}
      {sources.length > 1 && <span className="muted"> + {sources.length - 1} more</span>}
    </span>
  );
}

function ClaimsTable({ claims, lookups }: { claims: Claim[]; lookups: ClaimLookups }) {
  const selectedId = useDossier((s) => s.selectedClaimId);
  const selectClaim = useDossier((s) => s.selectClaim);
  const sort = useDossier((s) => s.claimSort);
  const setClaimSort = useDossier((s) => s.setClaimSort);
  const clearClaimFilter = useDossier((s) => s.clearClaimFilter);

  return (
    <div className="claims-table-frame">
      <Virtualizer
        layout={TableLayout}
        layoutOptions={{ rowHeight: ROW_HEIGHT, headingHeight: HEADING_HEIGHT }}
      >
        <Table
          aria-label="Claims"
          className="claims-table"
          selectionMode="single"
          selectionBehavior="replace"
          disallowEmptySelection
          selectedKeys={selectedId ? [selectedId] : []}
          onSelectionChange={(keys) => {
            const key = singleKey(keys);
            if (key !== undefined) selectClaim(key);
          }}
          sortDescriptor={{ column: sort.column, direction: sort.direction }}
          onSortChange={(descriptor) => {
            const column = CLAIM_SORT_COLUMNS.find((c) => c === descriptor.column);
            if (column) setClaimSort({ column, direction: descriptor.direction });
          }}
        >
          <TableHeader className="claims-table-header">
            {COLUMNS.map((column) => (
              <Column
                key={column.id}
                id={column.id}
                isRowHeader={column.id === 'statement'}
                allowsSorting
                width={column.width}
                minWidth={column.minWidth}
                className="claims-column"
              >
                {({ sortDirection }) => (
                  <span className="claims-column-label">
                    {column.name}
                    <SortArrow direction={sortDirection} />
                  </span>
                )}
              </Column>
            ))}
          </TableHeader>
          <TableBody
            items={claims}
            dependencies={[lookups]}
            className="claims-table-body"
            renderEmptyState={() => (
              <div className="claims-no-match">
                <p>No claims match these filters.</p>
                <Button className="secondary-button small" onPress={clearClaimFilter}>
                  Clear filters
                </Button>
              </div>
            )}
          >
            {(claim) => {
              const claimant = claim.claimantId ? lookups.entityById.get(claim.claimantId) : undefined;
              return (
                <Row id={claim.id} className="claims-row" textValue={claim.statement}>
                  <Cell className="claims-cell">
                    <span className="clamp statement-cell">{claim.statement}</span>
                  </Cell>
                  <Cell className="claims-cell">
                    {claimant ? (
                      <span className="clamp">{claimant.name}</span>
                    ) : (
                      <span className="muted">Unknown</span>
                    )}
                  </Cell>
                  <Cell className="claims-cell">
                    {claim.claimDate ? (
                      <span className="clamp">{formatPartialDate(claim.claimDate)}</span>
                    ) : (
                      <span className="muted">No date</span>
                    )}
                  </Cell>
                  <Cell className="claims-cell">
                    <StatusBadge status={claim.status} />
                  </Cell>
                  <Cell className="claims-cell">
                    <SourcesText claim={claim} />
                  </Cell>
                  <Cell className="claims-cell">
                    <span className="clamp">{claim.tagIds.map((id) => tagPath(lookups, id)).join(', ')}</span>
                  </Cell>
                  <Cell className="claims-cell">
                    <time
                      dateTime={claim.updatedAt}
                      title={updatedTitleFormat.format(new Date(claim.updatedAt))}
                    >
                      {updatedFormat.format(new Date(claim.updatedAt))}
                    </time>
                  </Cell>
                </Row>
              );
            }}
          </TableBody>
        </Table>
      </Virtualizer>
    </div>
  );
}

export function ClaimsView() {
  const claims = useDossier((s) => s.claims);
  const loaded = useDossier((s) => s.claimsLoaded);
  const tags = useDossier((s) => s.tags);
  const entities = useDossier((s) => s.entities);
  const sort = useDossier((s) => s.claimSort);
  const selectedId = useDossier((s) => s.selectedClaimId);
  // Typing in the search box stays responsive with thousands of claims: the table follows a moment later.
  const filter = useDeferredValue(useDossier((s) => s.claimFilter));

  const lookups = useMemo(() => claimLookups(tags, entities), [tags, entities]);
  // Sorted once per list and column, and filtered in that order: a filter keeps the order it is given, so a
  // keystroke in the search box costs one pass over the claims, not a sort of what passes (bench/claims.ts).
  const sorted = useMemo(() => sortClaims(claims, sort, lookups), [claims, sort, lookups]);
  // In idle time, the list is made ready for its first search (folded and indexed by its words).
  useEffect(() => {
    let handle = 0;
    const step = (deadline: IdleDeadline) => {
      if (!prepareClaimSearch(sorted, lookups, () => deadline.timeRemaining() > 2)) {
        handle = requestIdleCallback(step);
      }
    };
    handle = requestIdleCallback(step);
    return () => cancelIdleCallback(handle);
  }, [sorted, lookups]);
  const anyStatus = useMemo(
    () => filterClaims(sorted, filter, lookups, { ignoreStatus: true }),
    [sorted, filter, lookups],
  );
  // The other filters already ran for the status counts: only the status is left to apply.
  const shown = useMemo(() => filterByStatus(anyStatus, filter.statuses), [anyStatus, filter.statuses]);
  const counts = useMemo(() => countByStatus(anyStatus), [anyStatus]);
  const selected = claims.find((c) => c.id === selectedId);

  if (!loaded) return <div className="claims-view" aria-busy="true" />;
  if (claims.length === 0) return <NoClaimsYet />;
  return (
    <div className="claims-view">
      <ClaimFilterBar claims={claims} lookups={lookups} />
      <ClaimCounts shown={shown.length} total={claims.length} counts={counts} />
      <div className="claims-body">
        <ClaimsTable claims={shown} lookups={lookups} />
        {/* Keyed by claim, so another claim opens at its top rather than where the last one was scrolled. */}
        <aside key={selected?.id ?? 'none'} className="claim-detail" aria-label="Claim details">
          {selected ? (
            <>
              {isFiltered(filter) && !shown.includes(selected) && (
                <p className="hint">The filters hide this claim in the table.</p>
              )}
              <ClaimEditor claim={selected} />
            </>
          ) : (
            <p className="hint claim-detail-hint">
              Choose a claim in the table to see its passages and edit it.
            </p>
          )}
        </aside>
      </div>
    </div>
  );
}
