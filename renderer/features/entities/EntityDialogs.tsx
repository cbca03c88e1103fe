// Dialogs for people, organisations and places: create or edit one (name, kind, aliases, description), merge
// one into another (its names become aliases, its claims move), delete one (its claims keep their statements
// with an unknown claimant).
import { useState } from 'react';
import {
  Button,
  Input,
  Label,
  Tag,
  TagGroup,
  TagList,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { ENTITY_KINDS, ENTITY_KIND_LABELS, type Entity, type EntityKind } from '../../../shared/annotations';
import { ChoiceButtons, type Choice } from '../../components/ChoiceButtons';
import { useDossier } from '../../store/index';
import { ActionDialog } from '../codebook/ActionDialog';
import { EntityCombo } from './EntityPicker';
import { addAliases, deleteEntitySentence, kindWord, mergeEntitySentence } from './entitySearch';
import { matchesShortcut } from '../../shortcuts';

export type EntityAction = 'edit' | 'merge' | 'delete';

export type EntityDialogRequest =
  { kind: 'new'; entityKind: EntityKind } | { kind: EntityAction; entityId: string };

const DESCRIPTION_MAX = 2000;
const NAME_MAX = 300;

const KIND_CHOICES: Choice<EntityKind>[] = ENTITY_KINDS.map((k) => ({ id: k, label: ENTITY_KIND_LABELS[k] }));

export function EntityDialog({ request, onClose }: { request: EntityDialogRequest; onClose(): void }) {
  const entity = useDossier((s) =>
    'entityId' in request ? s.entities.find((e) => e.id === request.entityId) : undefined,
  );
  if (request.kind === 'new') return <EntityFormDialog kind={request.entityKind} onClose={onClose} />;
  if (!entity) return null;
  if (request.kind === 'edit')
    return <EntityFormDialog entity={entity} kind={entity.kind} onClose={onClose} />;
  if (request.kind === 'merge') return <MergeEntityDialog entity={entity} onClose={onClose} />;
  return <DeleteEntityDialog entity={entity} onClose={onClose} />;
}

function EntityFormDialog({
  entity,
  kind: initialKind,
  onClose,
}: {
  entity?: Entity;
  kind: EntityKind;
  onClose(): void;
}) {
  const createEntity = useDossier((s) => s.createEntity);
  const updateEntity = useDossier((s) => s.updateEntity);
  const [name, setName] = useState(entity?.name ?? '');
  const [kind, setKind] = useState<EntityKind>(initialKind);
  const [aliases, setAliases] = useState<string[]>(entity?.aliases ?? []);
  const [aliasText, setAliasText] = useState('');
  const [description, setDescription] = useState(entity?.description ?? '');

  const addTyped = () => {
    setAliases((current) => addAliases(current, aliasText.split(/[,;]/), name));
    setAliasText('');
  };

  const submit = async () => {
    // An alias typed but not yet added is meant to be kept.
    const allAliases = addAliases(aliases, aliasText.split(/[,;]/), name).filter((a) => a !== name.trim());
    const fields = { name: name.trim(), kind, aliases: allAliases, description };
    if (!entity) return (await createEntity(fields)) !== null;
    const changed =
      fields.name !== entity.name ||
      kind !== entity.kind ||
      description !== entity.description ||
      allAliases.join('\u0000') !== entity.aliases.join('\u0000');
    return changed ? updateEntity({ id: entity.id, ...fields }) : true;
  };

  return (
    <ActionDialog
      title={entity ? `Edit “${entity.name}”` : `New ${kindWord(initialKind)}`}
      submitLabel={entity ? 'Save' : `Create ${kindWord(kind)}`}
      canSubmit={name.trim() !== ''}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        className="form-field"
        value={name}
        onChange={setName}
        autoFocus
        maxLength={NAME_MAX}
        isRequired
      >
        <Label>Name</Label>
        <Input />
      </TextField>
      <ChoiceButtons
        label="Kind"
        value={kind}
        onChange={setKind}
        choices={KIND_CHOICES}
        groupClassName="kind-filter-buttons entity-kind-options"
        buttonClassName="kind-filter-button"
      />
      <div className="form-field">
        <div className="alias-add">
          <TextField
            className="form-field alias-field"
            value={aliasText}
            onChange={setAliasText}
            onKeyDown={(e) => {
              // Enter adds the alias instead of submitting the dialog.
              if (matchesShortcut(e, 'field.save') && aliasText.trim() !== '') {
                e.preventDefault();
                addTyped();
              }
            }}
          >
            <Label>Add alias</Label>
            <Input placeholder="Other spellings, surnames, transliterations" />
            <Text slot="description" className="field-description">
              Press Enter to add; separate several with commas.
            </Text>
          </TextField>
          <Button className="secondary-button" onPress={addTyped} isDisabled={aliasText.trim() === ''}>
            Add
          </Button>
        </div>
        {aliases.length > 0 && (
          <TagGroup
            aria-label="Aliases"
            className="alias-chips"
            onRemove={(keys) => setAliases((current) => current.filter((a) => !keys.has(a)))}
          >
            <TagList className="tag-chip-list">
              {aliases.map((alias) => (
                <Tag key={alias} id={alias} textValue={alias} className="tag-chip">
                  <span className="tag-chip-name">{alias}</span>
                  <Button slot="remove" className="tag-chip-remove" aria-label="Remove alias">
                    ×
                  </Button>
                </Tag>
              ))}
            </TagList>
          </TagGroup>
        )}
      </div>
      <TextField
        className="form-field"
        value={description}
        onChange={setDescription}
        maxLength={DESCRIPTION_MAX}
      >
        <Label>Description</Label>
        <TextArea rows={3} placeholder="Who they are, and how to tell them apart from namesakes" />
      </TextField>
    </ActionDialog>
  );
}

function MergeEntityDialog({ entity, onClose }: { entity: Entity; onClose(): void }) {
  const mergeEntities = useDossier((s) => s.mergeEntities);
  const entities = useDossier((s) => s.entities);
  const [targetId, setTargetId] = useState<string | null>(null);
  const target = targetId ? entities.find((e) => e.id === targetId) : undefined;
  return (
    <ActionDialog
      title={`Merge “${entity.name}” into…`}
      submitLabel="Merge"
      canSubmit={target !== undefined}
      onClose={onClose}
      onSubmit={() => (target ? mergeEntities(entity.id, target.id) : Promise.resolve(false))}
    >
      <p className="dialog-explanation hint">
        Merge two entries that are the same {kindWord(entity.kind)}. Choose the one to keep.
      </p>
      <EntityCombo
        label="Merge into"
        value={targetId}
        onChange={setTargetId}
        exclude={[entity.id]}
        placeholder="Type a name"
        autoFocus
      />
      {target && <p className="dialog-explanation">{mergeEntitySentence(entity, target)}</p>}
    </ActionDialog>
  );
}

function DeleteEntityDialog({ entity, onClose }: { entity: Entity; onClose(): void }) {
  const deleteEntity = useDossier((s) => s.deleteEntity);
  return (
    <ActionDialog
      role="alertdialog"
      title={`Delete “${entity.name}”?`}
      submitLabel={`Delete ${kindWord(entity.kind)}`}
      danger
      onClose={onClose}
      onSubmit={() => deleteEntity(entity.id)}
    >
      <p className="dialog-explanation">{deleteEntitySentence(entity)}</p>
    </ActionDialog>
  );
}
