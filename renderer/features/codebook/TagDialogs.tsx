// The codebook's dialogs: a new tag, and each action on a tag (rename, colour, description, move, merge,
// delete). Merge and delete say first what will happen to the highlights and claims carrying the tag.
import { useMemo, useState } from 'react';
import { Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { TAG_COLORS, TagName, type Tag, type TagColor } from '../../../shared/annotations';
import { ChoiceButtons, type Choice } from '../../components/ChoiceButtons';
import { useDossier } from '../../store/index';
import { ActionDialog } from './ActionDialog';
import { TagChoice, TOP_LEVEL } from './TagChoice';
import { TAG_COLOR_LABELS } from './tagColors';
import { colorForNewTag, deleteTagSentence, mergeTagSentence, subtreeIds } from './tagTree';
import { useTagIndex } from './useTagIndex';

export type TagAction = 'child' | 'rename' | 'colour' | 'description' | 'move' | 'merge' | 'delete';

export type TagDialogRequest = { kind: 'new'; parentId: string | null } | { kind: TagAction; tagId: string };

const DESCRIPTION_MAX = 2000;

/** The problem with a typed tag name, as the main side would put it, or null. */
function nameProblem(name: string): string | null {
  const parsed = TagName.safeParse(name);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'That name cannot be used');
}

export function TagDialog({ request, onClose }: { request: TagDialogRequest; onClose(): void }) {
  const tag = useDossier((s) =>
    'tagId' in request ? s.tags.find((t) => t.id === request.tagId) : undefined,
  );
  if (request.kind === 'new') return <NewTagDialog parentId={request.parentId} onClose={onClose} />;
  if (request.kind === 'child') return <NewTagDialog parentId={request.tagId} onClose={onClose} />;
  // The tag went away (undone, merged elsewhere): nothing left to act on.
  if (!tag) return null;
  switch (request.kind) {
    case 'rename':
      return <RenameDialog tag={tag} onClose={onClose} />;
    case 'colour':
      return <ColourDialog tag={tag} onClose={onClose} />;
    case 'description':
      return <DescriptionDialog tag={tag} onClose={onClose} />;
    case 'move':
      return <MoveDialog tag={tag} onClose={onClose} />;
    case 'merge':
      return <MergeDialog tag={tag} onClose={onClose} />;
    case 'delete':
      return <DeleteDialog tag={tag} onClose={onClose} />;
  }
}

function NameField({
  value,
  onChange,
  problem,
}: {
  value: string;
  onChange(value: string): void;
  problem: string | null;
}) {
  return (
    <TextField
      className="form-field"
      value={value}
      onChange={onChange}
      autoFocus
      isInvalid={problem !== null}
    >
      <Label>Name</Label>
      <Input />
      {problem && <span className="field-error">{problem}</span>}
    </TextField>
  );
}

/** The palette as a row of swatches, each named by its colour. */
const SWATCHES: Choice<TagColor>[] = TAG_COLORS.map((color) => ({
  id: color,
  label: TAG_COLOR_LABELS[color],
  className: `tag-swatch tag-color-${color}`,
}));

function ColourField({ value, onChange }: { value: TagColor; onChange(value: TagColor): void }) {
  return (
    <ChoiceButtons
      label="Colour"
      value={value}
      onChange={onChange}
      choices={SWATCHES}
      groupClassName="tag-swatches"
      labelsHidden
    />
  );
}

function DescriptionField({
  value,
  onChange,
  autoFocus,
}: {
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      className="form-field"
      value={value}
      onChange={onChange}
      maxLength={DESCRIPTION_MAX}
      autoFocus={autoFocus}
    >
      <Label>Description</Label>
      <TextArea rows={3} placeholder="When to use this tag" />
    </TextField>
  );
}

function NewTagDialog({ parentId, onClose }: { parentId: string | null; onClose(): void }) {
  const index = useTagIndex();
  const createTag = useDossier((s) => s.createTag);
  const [name, setName] = useState('');
  const [parent, setParent] = useState<string>(parentId ?? TOP_LEVEL);
  // The colour follows the chosen parent until the user picks one.
  const [chosenColor, setChosenColor] = useState<TagColor | null>(null);
  const [description, setDescription] = useState('');
  const parentTagId = parent === TOP_LEVEL ? null : parent;
  const color = chosenColor ?? colorForNewTag(index, parentTagId);
  const problem = name.trim() === '' ? null : nameProblem(name);
  const parentTag = parentTagId ? index.byId.get(parentTagId) : undefined;

  return (
    <ActionDialog
      title={parentTag ? `New tag in “${parentTag.name}”` : 'New tag'}
      submitLabel="Create tag"
      canSubmit={name.trim() !== '' && problem === null}
      onClose={onClose}
      onSubmit={async () =>
        (await createTag({ name: name.trim(), parentId: parentTagId, color, description })) !== null
      }
    >
      <NameField value={name} onChange={setName} problem={problem} />
      <TagChoice label="Parent" value={parent} onChange={setParent} allowTopLevel />
      <ColourField value={color} onChange={setChosenColor} />
      <DescriptionField value={description} onChange={setDescription} />
    </ActionDialog>
  );
}

function RenameDialog({ tag, onClose }: { tag: Tag; onClose(): void }) {
  const updateTag = useDossier((s) => s.updateTag);
  const [name, setName] = useState(tag.name);
  const problem = nameProblem(name);
  return (
    <ActionDialog
      title={`Rename “${tag.name}”`}
      submitLabel="Rename"
      canSubmit={problem === null}
      onClose={onClose}
      onSubmit={() =>
        name.trim() === tag.name ? Promise.resolve(true) : updateTag({ id: tag.id, name: name.trim() })
      }
    >
      <NameField value={name} onChange={setName} problem={name.trim() === '' ? null : problem} />
    </ActionDialog>
  );
}

function ColourDialog({ tag, onClose }: { tag: Tag; onClose(): void }) {
  const updateTag = useDossier((s) => s.updateTag);
  const [color, setColor] = useState<TagColor>(tag.color);
  return (
    <ActionDialog
      title={`Change colour of “${tag.name}”`}
      submitLabel="Save colour"
      onClose={onClose}
      onSubmit={() => (color === tag.color ? Promise.resolve(true) : updateTag({ id: tag.id, color }))}
    >
      <ColourField value={color} onChange={setColor} />
    </ActionDialog>
  );
}

function DescriptionDialog({ tag, onClose }: { tag: Tag; onClose(): void }) {
  const updateTag = useDossier((s) => s.updateTag);
  const [description, setDescription] = useState(tag.description);
  return (
    <ActionDialog
      title={`Description of “${tag.name}”`}
      submitLabel="Save description"
      onClose={onClose}
      onSubmit={() =>
        description === tag.description ? Promise.resolve(true) : updateTag({ id: tag.id, description })
      }
    >
      <DescriptionField value={description} onChange={setDescription} autoFocus />
    </ActionDialog>
  );
}

function MoveDialog({ tag, onClose }: { tag: Tag; onClose(): void }) {
  const index = useTagIndex();
  const updateTag = useDossier((s) => s.updateTag);
  const [target, setTarget] = useState<string | null>(null);
  const inside = useMemo(() => subtreeIds(index, tag.id), [index, tag.id]);
  const current = tag.parentId ?? TOP_LEVEL;
  const where = tag.parentId && index.byId.has(tag.parentId) ? index.path(tag.parentId) : 'the top level';
  return (
    <ActionDialog
      title={`Move “${tag.name}” to…`}
      submitLabel="Move"
      canSubmit={target !== null && target !== current}
      onClose={onClose}
      onSubmit={() => updateTag({ id: tag.id, parentId: target === TOP_LEVEL ? null : target })}
    >
      <TagChoice
        label="New parent"
        value={target}
        onChange={setTarget}
        exclude={inside}
        allowTopLevel
        autoFocus
        description={`Now in ${where}. Tags inside “${tag.name}” move with it.`}
      />
    </ActionDialog>
  );
}

function MergeDialog({ tag, onClose }: { tag: Tag; onClose(): void }) {
  const index = useTagIndex();
  const mergeTags = useDossier((s) => s.mergeTags);
  const [target, setTarget] = useState<string | null>(null);
  const inside = useMemo(() => subtreeIds(index, tag.id), [index, tag.id]);
  const survivor = target ? index.byId.get(target) : undefined;
  const hasChildren = (index.children.get(tag.id)?.length ?? 0) > 0;
  return (
    <ActionDialog
      title={`Merge “${tag.name}” into…`}
      submitLabel="Merge"
      canSubmit={survivor !== undefined}
      onClose={onClose}
      onSubmit={() => (survivor ? mergeTags(tag.id, survivor.id) : Promise.resolve(false))}
    >
      <TagChoice label="Merge into" value={target} onChange={setTarget} exclude={inside} autoFocus />
      {survivor && (
        <Text elementType="p" className="dialog-explanation">
          {mergeTagSentence(tag, survivor)}
          {hasChildren && ` The tags inside “${tag.name}” move into “${survivor.name}”.`}
        </Text>
      )}
    </ActionDialog>
  );
}

function DeleteDialog({ tag, onClose }: { tag: Tag; onClose(): void }) {
  const index = useTagIndex();
  const deleteTag = useDossier((s) => s.deleteTag);
  const hasChildren = (index.children.get(tag.id)?.length ?? 0) > 0;
  return (
    <ActionDialog
      role="alertdialog"
      title={`Delete “${tag.name}”?`}
      submitLabel="Delete tag"
      danger
      onClose={onClose}
      onSubmit={() => deleteTag(tag.id)}
    >
      <p className="dialog-explanation">{deleteTagSentence(tag, hasChildren)}</p>
    </ActionDialog>
  );
}
