// Type-ahead over the codebook: tags shown by path, matched ignoring case and accents on name and path, the
// best match highlighted so Enter takes it. A name that matches no tag can be created in place; typing a path
// ("Weapons / Pistols") creates the tag under the tag the path leads to, and any missing levels too (see
// planNewTag). After a choice the field clears, ready for the next tag.
import { useMemo, useRef, useState } from 'react';
import { ComboBox, ListBoxItem, type Key } from 'react-aria-components';
import type { Tag } from '../../../shared/annotations';
import { ComboField, ComboList } from '../../components/ComboParts';
import { useDossier } from '../../store/index';
import { colorForNewTag, matchTags, planNewTag, type NewTagPlan } from './tagTree';
import { HighlightFirst, type ComboState } from './HighlightFirst';
import { useTagIndex } from './useTagIndex';
import './codebook.css';

export interface TagPickerProps {
  /** Visible label of the combobox ("Add tag"). */
  label: string;
  /** Tags already applied: not offered again. */
  appliedTagIds: readonly string[];
  /** A tag was chosen (or created in place and then chosen). */
  onChoose(tagId: string): void;
  autoFocus?: boolean;
  /** Esc or leaving the picker empty. */
  onClose?(): void;
}

/** Enough to browse a codebook; a bigger one is searched by typing. */
const MAX_OPTIONS = 100;
const CREATE_KEY = '::create';
const REFUSED_KEY = '::refused';

type PickerOption =
  | { id: string; kind: 'tag'; tag: Tag; path: string }
  | { id: typeof CREATE_KEY; kind: 'create'; label: string }
  | { id: typeof REFUSED_KEY; kind: 'refused'; label: string };

/** The options for what is typed: matching tags, then "Create tag “…”" when nothing matches exactly. */
function pickerOptions(
  matches: { tag: Tag; path: string }[],
  plan: NewTagPlan,
  text: string,
): PickerOption[] {
  const options: PickerOption[] = matches.map(({ tag, path }) => ({ id: tag.id, kind: 'tag', tag, path }));
  if (plan.kind === 'create')
    options.push({ id: CREATE_KEY, kind: 'create', label: `Create tag “${text.trim()}”` });
  if (plan.kind === 'invalid') options.push({ id: REFUSED_KEY, kind: 'refused', label: plan.reason });
  return options;
}

export function TagPicker({ label, appliedTagIds, onChoose, autoFocus, onClose }: TagPickerProps) {
  const index = useTagIndex();
  const createTagPath = useDossier((s) => s.createTagPath);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const busy = useRef(false);
  const fieldRef = useRef<HTMLDivElement>(null);
  const popoverRef = useRef<HTMLElement>(null);
  const comboState = useRef<ComboState | null>(null);

  const plan = useMemo(() => planNewTag(index, text), [index, text]);
  const options = useMemo(
    () => pickerOptions(matchTags(index, text, { exclude: appliedTagIds, limit: MAX_OPTIONS }), plan, text),
    [index, text, appliedTagIds, plan],
  );

  /**
   * Clears the field and closes the list after a choice. While the list is open React Aria hides the rest of
   * the page from assistive technology, which would hide the chip just added; typing reopens it.
   */
  const done = () => {
    setText('');
    comboState.current?.close();
  };

  const choose = async (key: Key | null) => {
    if (key === null || key === REFUSED_KEY || busy.current) return;
    setFailure(null);
    if (key !== CREATE_KEY) {
      done();
      onChoose(String(key));
      return;
    }
    if (plan.kind !== 'create') return;
    busy.current = true;
    try {
      // Missing levels of a typed path are created together, each under the one before (all or none).
      const color = colorForNewTag(index, plan.parentId);
      const created = await createTagPath({ parentId: plan.parentId, names: plan.names, color });
      if (!created) {
        setFailure(useDossier.getState().codebookError);
        return;
      }
      done();
      onChoose(created.id);
    } finally {
      busy.current = false;
    }
  };

  return (
    <ComboBox
      ref={fieldRef}
      className="tag-picker"
      items={options}
      inputValue={text}
      onInputChange={(value) => {
        setText(value);
        setFailure(null);
      }}
      selectedKey={null}
      onSelectionChange={(key) => void choose(key)}
      disabledKeys={[REFUSED_KEY]}
      menuTrigger="focus"
      allowsEmptyCollection
      autoFocus={autoFocus}
    >
      <ComboField
        label={label}
        toggleLabel="Show tags"
        placeholder="Type to find or create a tag"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose?.();
        }}
        onBlur={(e) => {
          const to = e.relatedTarget;
          const inside =
            to instanceof Node && (fieldRef.current?.contains(to) || popoverRef.current?.contains(to));
          if (!inside && text.trim() === '') onClose?.();
        }}
      />
      {failure && (
        <span className="field-error" role="alert">
          {failure}
        </span>
      )}
      <HighlightFirst
        stateRef={comboState}
        firstKey={options[0]?.kind === 'refused' ? undefined : options[0]?.id}
        text={text}
      />
      <ComboList<PickerOption>
        popoverRef={popoverRef}
        empty={
          plan.kind === 'exists'
            ? `“${plan.tag.name}” is already added`
            : text.trim()
              ? 'No matching tags'
              : 'No tags to add yet'
        }
      >
        {(option) => <PickerOptionItem option={option} />}
      </ComboList>
    </ComboBox>
  );
}

function PickerOptionItem({ option }: { option: PickerOption }) {
  if (option.kind !== 'tag') {
    return (
      <ListBoxItem id={option.id} textValue={option.label} className={`picker-option picker-${option.kind}`}>
        {option.label}
      </ListBoxItem>
    );
  }
  const { tag, path } = option;
  const above = path.slice(0, path.length - tag.name.length);
  return (
    <ListBoxItem id={tag.id} textValue={path} className="picker-option">
      <span className={`tag-dot tag-color-${tag.color}`} aria-hidden="true" />
      <span className="picker-option-text">
        {above && <span className="tag-path-above">{above}</span>}
        {tag.name}
      </span>
    </ListBoxItem>
  );
}
