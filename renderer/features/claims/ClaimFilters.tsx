// The claims view's filter bar (search, status, tag, claimant, document, date range) and its counts: how many
// claims are shown of how many, and how many of each status the other filters let through. Each status count
// is also a quick filter.
import { useMemo } from 'react';
import {
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SearchField,
  Select,
  SelectValue,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
} from 'react-aria-components';
import {
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  type Claim,
  type ClaimStatus,
} from '../../../shared/annotations';
import { useDossier } from '../../store/index';
import {
  dateBound,
  documentsOfClaims,
  isFiltered,
  readSearch,
  tagPath,
  UNKNOWN_CLAIMANT,
  type ClaimLookups,
} from './claimFilters';
import { StatusSymbol } from './ClaimStatus';
import './claims.css';

export const ANY = 'any';

export interface Option {
  id: string;
  label: string;
}

/** A labelled drop-down of a filter: "Any …" first, then the choices. */
export function FilterSelect({
  label,
  options,
  selected,
  onChange,
  placeholder,
}: {
  label: string;
  options: readonly Option[];
  /** The chosen option, ANY, or null when the choice is not one of the options (several statuses). */
  selected: string | null;
  onChange(id: string): void;
  placeholder?: string;
}) {
  return (
    <Select
      className="claims-filter"
      selectedKey={selected}
      onSelectionChange={(key) => key !== null && onChange(String(key))}
      placeholder={placeholder}
    >
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue className="select-value" />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="menu-popover">
        <ListBox className="menu claims-filter-menu" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="menu-option" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** A date-range bound typed as a partial date, its problem said beside it. */
export function DateBoundInput(props: {
  label: string;
  value: string;
  error: string | null;
  onChange(text: string): void;
}) {
  return (
    <TextField
      className="claims-filter claims-date-filter"
      value={props.value}
      onChange={props.onChange}
      isInvalid={props.error !== null}
    >
      <Label>{props.label}</Label>
      <Input placeholder="YYYY-MM-DD" size={11} />
      {props.error && <span className="field-error filter-error">{props.error}</span>}
    </TextField>
  );
}

function DateBoundField({ label, side }: { label: string; side: 'from' | 'to' }) {
  const key = side === 'from' ? 'dateFrom' : 'dateTo';
  const value = useDossier((s) => s.claimFilter[key]);
  const setClaimFilter = useDossier((s) => s.setClaimFilter);
  const bound = dateBound(value, side);
  return (
    <DateBoundInput
      label={label}
      value={value}
      error={'error' in bound ? bound.error : null}
      onChange={(text) => setClaimFilter({ [key]: text })}
    />
  );
}

/** "Any tag", then every tag by its path, for a tag filter. */
export function useTagOptions(lookups: ClaimLookups): Option[] {
  const tags = useDossier((s) => s.tags);
  return useMemo(
    () => [
      { id: ANY, label: 'Any tag' },
      ...tags
        .map((t) => ({ id: t.id, label: tagPath(lookups, t.id) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    ],
    [tags, lookups],
  );
}

export function ClaimFilterBar({ claims, lookups }: { claims: readonly Claim[]; lookups: ClaimLookups }) {
  const filter = useDossier((s) => s.claimFilter);
  const setClaimFilter = useDossier((s) => s.setClaimFilter);
  const clearClaimFilter = useDossier((s) => s.clearClaimFilter);

  const statusOptions = useMemo<Option[]>(
    () => [
      { id: ANY, label: 'Any status' },
      ...CLAIM_STATUSES.map((s) => ({ id: s, label: CLAIM_STATUS_LABELS[s] })),
    ],
    [],
  );
  const tagOptions = useTagOptions(lookups);
  const claimantOptions = useMemo<Option[]>(() => {
    // Only people who made some claim; the chosen one stays even if their last claim went.
    const ids = new Set(claims.flatMap((c) => (c.claimantId ? [c.claimantId] : [])));
    if (filter.claimantId && filter.claimantId !== UNKNOWN_CLAIMANT) ids.add(filter.claimantId);
    const named = [...ids]
      .map((id) => ({ id, label: lookups.entityById.get(id)?.name ?? 'Deleted entity' }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return [{ id: ANY, label: 'Anyone' }, { id: UNKNOWN_CLAIMANT, label: 'Unknown claimant' }, ...named];
  }, [claims, lookups, filter.claimantId]);
  const documentOptions = useMemo<Option[]>(
    () => [
      { id: ANY, label: 'Any document' },
      ...documentsOfClaims(claims).map((d) => ({ id: d.documentId, label: d.title || 'Untitled document' })),
    ],
    [claims],
  );

  const statusKey =
    filter.statuses.length === 0 ? ANY : filter.statuses.length === 1 ? filter.statuses[0]! : null;
  const read = readSearch(filter.search);
  const searchError = 'error' in read ? read.error : null;

  return (
    <div className="claims-filters" role="group" aria-label="Filter claims">
      <SearchField
        className="claims-filter claims-search"
        value={filter.search}
        onChange={(search) => setClaimFilter({ search })}
        isInvalid={searchError !== null}
      >
        <Label>Search claims</Label>
        <Input placeholder="Words, status:disputed, tag:…" />
        {searchError && <span className="field-error filter-error">{searchError}</span>}
      </SearchField>
      <FilterSelect
        label="Status"
        options={statusOptions}
        selected={statusKey}
        placeholder={`${filter.statuses.length} statuses`}
        onChange={(id) => setClaimFilter({ statuses: id === ANY ? [] : [id as ClaimStatus] })}
      />
      <FilterSelect
        label="Tag"
        options={tagOptions}
        selected={filter.tagId ?? ANY}
        onChange={(id) => setClaimFilter({ tagId: id === ANY ? null : id })}
      />
      <FilterSelect
        label="Claimant"
        options={claimantOptions}
        selected={filter.claimantId ?? ANY}
        onChange={(id) => setClaimFilter({ claimantId: id === ANY ? null : id })}
      />
      <FilterSelect
        label="Document"
        options={documentOptions}
        selected={filter.documentId ?? ANY}
        onChange={(id) => setClaimFilter({ documentId: id === ANY ? null : id })}
      />
      <DateBoundField label="Date from" side="from" />
      <DateBoundField label="Date to" side="to" />
      {isFiltered(filter) && (
        <Button className="link-button claims-clear" onPress={clearClaimFilter}>
          Clear filters
        </Button>
      )}
    </div>
  );
}

export function ClaimCounts({
  shown,
  total,
  counts,
}: {
  shown: number;
  total: number;
  counts: Record<ClaimStatus, number>;
}) {
  const statuses = useDossier((s) => s.claimFilter.statuses);
  const setClaimFilter = useDossier((s) => s.setClaimFilter);
  return (
    <div className="claims-counts">
      <p className="claims-count" aria-live="polite">
        {shown} of {total} {total === 1 ? 'claim' : 'claims'}
      </p>
      <ToggleButtonGroup
        aria-label="Claims by status"
        className="status-chips"
        selectionMode="multiple"
        selectedKeys={statuses}
        onSelectionChange={(keys) => setClaimFilter({ statuses: CLAIM_STATUSES.filter((s) => keys.has(s)) })}
      >
        {CLAIM_STATUSES.map((status) => (
          <ToggleButton key={status} id={status} className={`status-chip status-${status}`}>
            <StatusSymbol status={status} /> {CLAIM_STATUS_LABELS[status]}{' '}
            <span className="status-chip-count">{counts[status]}</span>
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </div>
  );
}
