// The people, organisations and places claims are attributed to: a table with kind, name, aliases and how many
// claims each made, filtered by kind and by a search over names and aliases (ignoring case and accents).
// Each row opens its editor; its menu also merges it into another entry or deletes it.
import { useCallback, useMemo, useState } from 'react';
import {
  Button,
  Cell,
  Column,
  Input,
  Label,
  Row,
  SearchField,
  Table,
  TableBody,
  TableHeader,
  type SortDescriptor,
} from 'react-aria-components';
import { ENTITY_KINDS, ENTITY_KIND_LABELS, type Entity, type EntityKind } from '../../../shared/annotations';
import { ChoiceButtons, type Choice } from '../../components/ChoiceButtons';
import { RowActionsMenu, type RowAction } from '../../components/RowActionsMenu';
import { useDossier } from '../../store/index';
import { useRevealRequest } from '../search/useRevealRequest';
import { EntityDialog, type EntityAction, type EntityDialogRequest } from './EntityDialogs';
import {
  compareEntityNames,
  ENTITY_KIND_PLURALS,
  entityTotals,
  kindWord,
  matchEntities,
} from './entitySearch';
import '../codebook/codebook.css';
import './entities.css';

type KindFilter = EntityKind | 'all';

const KIND_FILTERS: Choice<KindFilter>[] = [
  { id: 'all', label: 'All' },
  ...ENTITY_KINDS.map((k) => ({ id: k, label: ENTITY_KIND_PLURALS[k] })),
];

const ENTITY_ACTIONS: RowAction<EntityAction>[] = [
  { id: 'edit', label: 'Edit…' },
  { id: 'merge', label: 'Merge into…' },
  { id: 'delete', label: 'Delete…', separated: true },
];

function sortEntities(entities: Entity[], sort: SortDescriptor): Entity[] {
  const sign = sort.direction === 'descending' ? -1 : 1;
  const byKind = (a: Entity, b: Entity) => ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind);
  const compare =
    sort.column === 'kind'
      ? (a: Entity, b: Entity) => byKind(a, b) || compareEntityNames(a, b)
      : sort.column === 'claims'
        ? (a: Entity, b: Entity) => a.claimCount - b.claimCount || compareEntityNames(a, b)
        : compareEntityNames;
  return [...entities].sort((a, b) => sign * compare(a, b));
}

export function EntitiesView() {
  const loaded = useDossier((s) => s.entitiesLoaded);
  const entities = useDossier((s) => s.entities);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [sort, setSort] = useState<SortDescriptor>({ column: 'name', direction: 'ascending' });
  const [dialog, setDialog] = useState<EntityDialogRequest | null>(null);

  // A search lists the best matches first until the user sorts by a column.
  const [sortChosen, setSortChosen] = useState(false);
  const rows = useMemo(() => {
    const matches = matchEntities(entities, query, { kind: kind === 'all' ? null : kind });
    const byMatch = matches.map((m) => m.entity);
    return query.trim() && !sortChosen ? byMatch : sortEntities(byMatch, sort);
  }, [entities, query, kind, sort, sortChosen]);
  const aliasMatched = useMemo(() => {
    const map = new Map<string, string>();
    if (!query.trim()) return map;
    for (const m of matchEntities(entities, query)) if (m.matchedAlias) map.set(m.entity.id, m.matchedAlias);
    return map;
  }, [entities, query]);

  const act = (entity: Entity, action: EntityAction) => setDialog({ kind: action, entityId: entity.id });
  // A person or place a search found: shown whatever the filters were.
  const reveal = useCallback(() => {
    setQuery('');
    setKind('all');
  }, []);
  useRevealRequest('entity', reveal);
  const others = entities.length > 1;

  return (
    <main className="view entities-view" aria-label="People and places">
      <header className="view-header catalog-header">
        <div className="catalog-heading">
          <h1>People &amp; places</h1>
          <p className="catalog-total" aria-live="polite">
            {loaded ? entityTotals(entities) : 'Loading…'}
          </p>
        </div>
        <div className="catalog-tools">
          {ENTITY_KINDS.map((k) => (
            <Button
              key={k}
              className="secondary-button"
              onPress={() => setDialog({ kind: 'new', entityKind: k })}
            >
              New {kindWord(k)}
            </Button>
          ))}
        </div>
      </header>
      <div className="catalog-filters">
        <SearchField className="catalog-search" value={query} onChange={setQuery}>
          <Label>Search names and aliases</Label>
          <Input placeholder="Maduro, Rosoboronexport, Caracas…" />
        </SearchField>
        <ChoiceButtons
          label="Show"
          value={kind}
          onChange={setKind}
          choices={KIND_FILTERS}
          className="kind-filter"
          labelClassName="kind-filter-label"
          groupClassName="kind-filter-buttons"
          buttonClassName="kind-filter-button"
        />
      </div>
      <Table
        aria-label="People, organisations and places"
        className="entities-table"
        sortDescriptor={sort}
        onSortChange={(next) => {
          setSort(next);
          setSortChosen(true);
        }}
        onRowAction={(key) => setDialog({ kind: 'edit', entityId: String(key) })}
      >
        <TableHeader className="entities-header">
          <Column id="name" isRowHeader allowsSorting className="entities-column">
            Name
          </Column>
          <Column id="kind" allowsSorting className="entities-column">
            Kind
          </Column>
          <Column id="aliases" className="entities-column">
            Aliases
          </Column>
          <Column id="claims" allowsSorting className="entities-column numeric">
            Claims
          </Column>
          <Column id="actions" className="entities-column" textValue="Actions">
            <span className="visually-hidden">Actions</span>
          </Column>
        </TableHeader>
        <TableBody
          items={rows}
          // Rows are cached by entity; the matched alias and whether there is another entry to merge into are
          // drawn from outside them.
          dependencies={[aliasMatched, others]}
          className="entities-body"
          renderEmptyState={() => (
            <p className="catalog-empty hint">
              {!loaded
                ? 'Loading…'
                : entities.length === 0
                  ? 'No people, organisations or places yet. Add them here, or create them while naming who made a claim.'
                  : 'Nothing matches.'}
            </p>
          )}
        >
          {(entity) => (
            <Row id={entity.id} className="entity-row">
              <Cell className="entity-cell">
                <span className="entity-name">{entity.name}</span>
                {entity.description && (
                  <span className="entity-description" title={entity.description}>
                    {entity.description}
                  </span>
                )}
              </Cell>
              <Cell className="entity-cell">{ENTITY_KIND_LABELS[entity.kind]}</Cell>
              <Cell className="entity-cell entity-aliases">
                <AliasList aliases={entity.aliases} matched={aliasMatched.get(entity.id)} />
              </Cell>
              <Cell className="entity-cell numeric">{entity.claimCount.toLocaleString()}</Cell>
              <Cell className="entity-cell">
                <RowActionsMenu
                  name={entity.name}
                  items={ENTITY_ACTIONS}
                  disabledKeys={others ? [] : ['merge']}
                  onAction={(action) => act(entity, action)}
                />
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>
      {dialog && <EntityDialog request={dialog} onClose={() => setDialog(null)} />}
    </main>
  );
}

function AliasList({ aliases, matched }: { aliases: readonly string[]; matched: string | undefined }) {
  if (aliases.length === 0) return <span className="muted-dash">—</span>;
  return (
    <span>
      {aliases.map((alias, i) => (
        <span key={alias} className={alias === matched ? 'alias alias-matched' : 'alias'}>
          {alias}
          {i < aliases.length - 1 && ', '}
        </span>
      ))}
    </span>
  );
}
