// The tags on a highlight or claim, as small chips: colour dot and name, the full path on hover. With
// onRemove they are a React Aria TagGroup: each chip has a remove button, and Delete or Backspace removes the
// focused chip. Without it they are a plain list, which can sit inside a list item (the highlights list)
// without adding tab stops to it.
import {
  Button,
  CollectionRendererContext,
  DefaultCollectionRenderer,
  Tag,
  TagGroup,
  TagList,
} from 'react-aria-components';
import type { Tag as TagRow } from '../../../shared/annotations';
import type { TagIndex } from './tagTree';
import { useTagIndex } from './useTagIndex';
import './codebook.css';

export interface TagChipsProps {
  tagIds: readonly string[];
  /** When given, each chip has a remove button ("Remove tag X"). */
  onRemove?(tagId: string): void;
}

function ChipFace({ tag, index }: { tag: TagRow; index: TagIndex }) {
  return (
    <>
      <span className={`tag-dot tag-color-${tag.color}`} aria-hidden="true" />
      <span className="tag-chip-name" title={index.path(tag.id)}>
        {tag.name}
      </span>
    </>
  );
}

export function TagChips({ tagIds, onRemove }: TagChipsProps) {
  const index = useTagIndex();
  // A tag deleted a moment ago may still be listed on an item until it reloads: leave it out.
  const tags = tagIds.flatMap((id) => index.byId.get(id) ?? []);
  if (tags.length === 0) return null;
  if (!onRemove) {
    return (
      <ul className="tag-chips tag-chip-list" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag.id} className="tag-chip">
            <ChipFace tag={tag} index={index} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    // Inside a virtualised list, the list's renderer would otherwise be used for the chips too.
    <CollectionRendererContext.Provider value={DefaultCollectionRenderer}>
      <TagGroup
        aria-label="Tags"
        className="tag-chips"
        onRemove={(keys) => keys.forEach((key) => onRemove(String(key)))}
      >
        <TagList className="tag-chip-list">
          {tags.map((tag) => (
            <Tag key={tag.id} id={tag.id} textValue={tag.name} className="tag-chip">
              <ChipFace tag={tag} index={index} />
              {/* Labelled by itself and the chip: "Remove tag" + name. */}
              <Button slot="remove" className="tag-chip-remove" aria-label="Remove tag">
                ×
              </Button>
            </Tag>
          ))}
        </TagList>
      </TagGroup>
    </CollectionRendererContext.Provider>
  );
}
