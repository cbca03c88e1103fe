// Choosing one tag in a dialog (a new tag's parent, where to move a tag, what to merge it into): a combobox
// over the codebook by path, optionally with "Top level" first. Unlike TagPicker it holds a value and shows
// the chosen tag's path, and it never creates tags.
import { useMemo, useState } from 'react';
import { ComboBox, ListBoxItem, Text } from 'react-aria-components';
import { foldForSearch } from '../../../shared/annotations';
import { ComboField, ComboList } from '../../components/ComboParts';
import { HighlightFirst } from './HighlightFirst';
import { matchTags } from './tagTree';
import { useTagIndex } from './useTagIndex';

export const TOP_LEVEL = 'top-level';
const TOP_LEVEL_LABEL = 'Top level';
const MAX_OPTIONS = 200;

export interface TagChoiceProps {
  label: string;
  /** A tag id, TOP_LEVEL, or null while nothing is chosen. */
  value: string | null;
  onChange(value: string): void;
  /** Tags that may not be chosen (the tag itself and what is inside it). */
  exclude?: ReadonlySet<string>;
  allowTopLevel?: boolean;
  autoFocus?: boolean;
  description?: string;
}

interface ChoiceOption {
  id: string;
  label: string;
  color: string | null;
}

export function TagChoice({
  label,
  value,
  onChange,
  exclude,
  allowTopLevel,
  autoFocus,
  description,
}: TagChoiceProps) {
  const index = useTagIndex();
  // What the user is typing; null shows the chosen value's label instead.
  const [editing, setEditing] = useState<string | null>(null);
  const query = editing ?? '';

  const options = useMemo(() => {
    const found: ChoiceOption[] = matchTags(index, query, { exclude, limit: MAX_OPTIONS }).map(
      ({ tag, path }) => ({ id: tag.id, label: path, color: tag.color }),
    );
    const q = foldForSearch(query.trim());
    if (allowTopLevel && (q === '' || foldForSearch(TOP_LEVEL_LABEL).includes(q))) {
      found.unshift({ id: TOP_LEVEL, label: TOP_LEVEL_LABEL, color: null });
    }
    return found;
  }, [index, query, exclude, allowTopLevel]);

  const chosenLabel =
    value === null
      ? ''
      : value === TOP_LEVEL
        ? TOP_LEVEL_LABEL
        : index.byId.has(value)
          ? index.path(value)
          : '';

  return (
    <ComboBox
      className="tag-choice"
      items={options}
      inputValue={editing ?? chosenLabel}
      onInputChange={setEditing}
      selectedKey={value}
      onSelectionChange={(key) => {
        if (key !== null) onChange(String(key));
        setEditing(null);
      }}
      menuTrigger="focus"
      allowsEmptyCollection
      autoFocus={autoFocus}
    >
      <ComboField label={label} toggleLabel="Show choices" onBlur={() => setEditing(null)} />
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <HighlightFirst firstKey={options[0]?.id} text={query} />
      <ComboList<ChoiceOption> empty="No matching tags">
        {(option) => (
          <ListBoxItem id={option.id} textValue={option.label} className="picker-option">
            {option.color ? (
              <span className={`tag-dot tag-color-${option.color}`} aria-hidden="true" />
            ) : (
              <span className="tag-dot tag-dot-none" aria-hidden="true" />
            )}
            <span className="picker-option-text">{option.label}</span>
          </ListBoxItem>
        )}
      </ComboList>
    </ComboBox>
  );
}
