// Choosing who made a claim: a combobox over people, organisations and places that finds them by name or by
// any alias, ignoring case and accents ("maduro" finds “Nicolás Maduro”, and says which alias matched). A
// name nobody has yet can be created in place as a person, organisation or place. Clearing the field means
// the claimant is unknown.
import { useMemo, useState } from 'react';
import { ComboBox, ListBoxItem, Text, type Key } from 'react-aria-components';
import { ENTITY_KINDS, ENTITY_KIND_LABELS, type Entity, type EntityKind } from '../../../shared/annotations';
import { ComboField, ComboList } from '../../components/ComboParts';
import { useDossier } from '../../store/index';
import { exactEntity, kindWord, matchEntities } from './entitySearch';
import { HighlightFirst } from '../codebook/HighlightFirst';
import '../codebook/codebook.css';
import './entities.css';

export interface EntityPickerProps {
  label: string;
  /** The chosen entity's id, or null (unknown). */
  value: string | null;
  onChange(entityId: string | null): void;
  autoFocus?: boolean;
}

export function EntityPicker({ label, value, onChange, autoFocus }: EntityPickerProps) {
  return <EntityCombo label={label} value={value} onChange={onChange} autoFocus={autoFocus} allowCreate />;
}

const MAX_OPTIONS = 100;
const CREATE_PREFIX = '::create:';

type EntityOption =
  | { id: string; kind: 'entity'; entity: Entity; matchedAlias: string | null }
  | { id: string; kind: 'create'; entityKind: EntityKind; label: string };

export interface EntityComboProps extends EntityPickerProps {
  /** Offer "Create person “…”" and the like when nothing matches exactly. */
  allowCreate?: boolean;
  /** Entities not to offer (the one being merged away). */
  exclude?: readonly string[];
  placeholder?: string;
}

/** The picker itself; the merge dialog uses it without creation. */
export function EntityCombo({
  label,
  value,
  onChange,
  autoFocus,
  allowCreate = false,
  exclude,
  placeholder,
}: EntityComboProps) {
  const entities = useDossier((s) => s.entities);
  const createEntity = useDossier((s) => s.createEntity);
  // What the user is typing; null shows the chosen entity's name.
  const [editing, setEditing] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const chosen = value === null ? undefined : entities.find((e) => e.id === value);
  const query = editing ?? '';

  const options = useMemo(() => {
    const found: EntityOption[] = matchEntities(entities, query, { exclude, limit: MAX_OPTIONS }).map(
      ({ entity, matchedAlias }) => ({ id: entity.id, kind: 'entity', entity, matchedAlias }),
    );
    const name = query.trim();
    if (allowCreate && name !== '' && !exactEntity(entities, name)) {
      for (const entityKind of ENTITY_KINDS) {
        found.push({
          id: `${CREATE_PREFIX}${entityKind}`,
          kind: 'create',
          entityKind,
          label: `Create ${kindWord(entityKind)} “${name}”`,
        });
      }
    }
    return found;
  }, [entities, query, exclude, allowCreate]);

  const choose = async (key: Key | null) => {
    setFailure(null);
    const text = editing;
    setEditing(null);
    if (key === null) return;
    const id = String(key);
    if (!id.startsWith(CREATE_PREFIX)) {
      // Leaving the field after typing re-commits the current entity: not a change.
      if (id !== value) onChange(id);
      return;
    }
    const kind = id.slice(CREATE_PREFIX.length) as EntityKind;
    const created = await createEntity({ kind, name: (text ?? '').trim() });
    if (created) onChange(created.id);
    else {
      setEditing(text);
      setFailure(useDossier.getState().codebookError);
    }
  };

  return (
    <ComboBox
      className="entity-picker"
      items={options}
      inputValue={editing ?? chosen?.name ?? ''}
      onInputChange={(text) => {
        setEditing(text);
        setFailure(null);
        // Clearing the field is how the user says the claimant is not known.
        if (text.trim() === '' && value !== null) onChange(null);
      }}
      selectedKey={value}
      onSelectionChange={(key) => void choose(key)}
      allowsEmptyCollection
      autoFocus={autoFocus}
    >
      <ComboField
        label={label}
        toggleLabel="Show choices"
        placeholder={placeholder ?? 'Unknown — type a name'}
        onBlur={() => setEditing(null)}
      />
      {failure && (
        <span className="field-error" role="alert">
          {failure}
        </span>
      )}
      <HighlightFirst firstKey={options[0]?.id} text={editing ?? ''} />
      <ComboList<EntityOption>
        empty={query.trim() ? 'Nobody by that name' : 'No people, organisations or places yet'}
      >
        {(option) =>
          option.kind === 'create' ? (
            <ListBoxItem id={option.id} textValue={option.label} className="picker-option picker-create">
              {option.label}
            </ListBoxItem>
          ) : (
            <ListBoxItem
              id={option.id}
              textValue={option.entity.name}
              className="picker-option entity-option"
            >
              <Text slot="label" className="entity-option-name">
                {option.entity.name}
              </Text>
              <Text slot="description" className="entity-option-detail">
                {ENTITY_KIND_LABELS[option.entity.kind]}
                {option.matchedAlias && ` · also “${option.matchedAlias}”`}
              </Text>
            </ListBoxItem>
          )
        }
      </ComboList>
    </ComboBox>
  );
}
