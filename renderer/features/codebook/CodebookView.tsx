// The codebook: every tag as a tree (React Aria's Tree: arrows move, Right and Left open and close a branch,
// Right again reaches a row's buttons), with its colour, description and how often it is used. Each tag's
// actions sit in a menu behind its "Actions for …" button; the dialogs in TagDialogs do the work.
import { useCallback, useMemo, useState } from 'react';
import {
  Button,
  Input,
  Label,
  SearchField,
  Tree,
  TreeItem,
  TreeItemContent,
  type Key,
} from 'react-aria-components';
import type { Tag } from '../../../shared/annotations';
import { RowActionsMenu, type RowAction } from '../../components/RowActionsMenu';
import { useDossier } from '../../store/index';
import { useRevealRequest } from '../search/useRevealRequest';
import { TagDialog, type TagAction, type TagDialogRequest } from './TagDialogs';
import { counted, tagTree, usesLabel, type TagTreeNode } from './tagTree';
import { useTagIndex } from './useTagIndex';
import './codebook.css';

const NONE: ReadonlySet<Key> = new Set();

const TAG_ACTIONS: RowAction<TagAction>[] = [
  { id: 'child', label: 'Add child tag…' },
  { id: 'rename', label: 'Rename…' },
  { id: 'colour', label: 'Change colour…' },
  { id: 'description', label: 'Edit description…' },
  { id: 'move', label: 'Move to…' },
  { id: 'merge', label: 'Merge into…' },
  { id: 'delete', label: 'Delete…', separated: true },
];

export function CodebookView() {
  const loaded = useDossier((s) => s.tagsLoaded);
  const index = useTagIndex();
  const total = index.ordered.length;
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<TagDialogRequest | null>(null);
  // Branches the user closed; every other branch is open, so new tags are seen where they land.
  const [collapsed, setCollapsed] = useState<ReadonlySet<Key>>(new Set());
  // While filtering, the branches leading to matches open, except those closed during this search.
  const [filterCollapsed, setFilterCollapsed] = useState<{ query: string; keys: ReadonlySet<Key> }>({
    query: '',
    keys: new Set(),
  });

  const { nodes, expand } = useMemo(() => tagTree(index, query), [index, query]);
  const filtering = query.trim() !== '';
  const branches = useMemo(
    () => (filtering ? [...expand] : index.ordered.filter((t) => index.children.has(t.id)).map((t) => t.id)),
    [filtering, expand, index],
  );
  const expandedKeys = useMemo(() => {
    const closed = filtering ? (filterCollapsed.query === query ? filterCollapsed.keys : NONE) : collapsed;
    return new Set(branches.filter((id) => !closed.has(id)));
  }, [branches, filtering, filterCollapsed, query, collapsed]);

  const onExpandedChange = (keys: Set<Key>) => {
    const nowClosed = new Set(branches.filter((id) => !keys.has(id)));
    if (filtering) setFilterCollapsed({ query, keys: nowClosed });
    else setCollapsed(nowClosed);
  };
  const act = (tag: Tag, action: TagAction) => setDialog({ kind: action, tagId: tag.id });

  // A tag a search found: the filter cleared and the branches above it opened.
  const reveal = useCallback(
    (id: string) => {
      setQuery('');
      const above = new Set<Key>();
      for (let tag = index.byId.get(id); tag?.parentId; tag = index.byId.get(tag.parentId)) {
        above.add(tag.parentId);
      }
      setCollapsed((closed) => new Set([...closed].filter((key) => !above.has(key))));
    },
    [index],
  );
  useRevealRequest('tag', reveal);

  return (
    <main className="view codebook-view" aria-label="Codebook">
      <header className="view-header catalog-header">
        <div className="catalog-heading">
          <h1>Codebook</h1>
          <p className="catalog-total" aria-live="polite">
            {loaded ? counted(total, 'tag') : 'Loading…'}
          </p>
        </div>
        <div className="catalog-tools">
          {total > 0 && (
            <SearchField className="catalog-search" value={query} onChange={setQuery}>
              <Label>Filter tags</Label>
              <Input placeholder="Name, path or description" />
            </SearchField>
          )}
          <Button className="primary-button" onPress={() => setDialog({ kind: 'new', parentId: null })}>
            New tag
          </Button>
        </div>
      </header>
      {loaded && total === 0 ? (
        <div className="catalog-empty">
          <p>No tags yet.</p>
          <p className="hint">
            Tags sort highlights and claims into themes. Create them here, or type a new name while tagging a
            highlight. Nest them (“Weapons / Small arms”) to build a codebook.
          </p>
        </div>
      ) : (
        <Tree
          aria-label="Tags"
          className="codebook-tree"
          expandedKeys={expandedKeys}
          onExpandedChange={onExpandedChange}
          renderEmptyState={() => (
            <p className="catalog-empty hint">
              {filtering ? `No tags match “${query.trim()}”.` : 'Loading…'}
            </p>
          )}
        >
          {nodes.map((node) => (
            <TagRow key={node.tag.id} node={node} onAction={act} />
          ))}
        </Tree>
      )}
      {dialog && <TagDialog request={dialog} onClose={() => setDialog(null)} />}
    </main>
  );
}

function TagRow({ node, onAction }: { node: TagTreeNode; onAction(tag: Tag, action: TagAction): void }) {
  const { tag } = node;
  const others = useDossier((s) => s.tags.length > 1);
  return (
    <TreeItem id={tag.id} textValue={tag.name} className="tag-row">
      <TreeItemContent>
        {({ hasChildItems }) => (
          <div className="tag-row-content">
            {hasChildItems ? (
              <Button slot="chevron" className="tag-row-chevron">
                <span aria-hidden="true">▸</span>
              </Button>
            ) : (
              <span className="tag-row-chevron" aria-hidden="true" />
            )}
            <span className={`tag-dot tag-color-${tag.color}`} aria-hidden="true" />
            <span className="tag-row-text">
              <span className="tag-row-name">{tag.name}</span>
              {tag.description && (
                <span className="tag-row-description" title={tag.description}>
                  {tag.description}
                </span>
              )}
            </span>
            <span className="tag-row-uses">{usesLabel(tag)}</span>
            <RowActionsMenu
              name={tag.name}
              items={TAG_ACTIONS}
              disabledKeys={others ? [] : ['merge']}
              onAction={(action) => onAction(tag, action)}
            />
          </div>
        )}
      </TreeItemContent>
      {node.children.map((child) => (
        <TagRow key={child.tag.id} node={child} onAction={onAction} />
      ))}
    </TreeItem>
  );
}
