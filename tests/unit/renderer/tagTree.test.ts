// The codebook's tree, paths and search: what the tag pickers offer and what typing a new name creates.
import { describe, expect, it } from 'vitest';
import type { Tag, TagColor } from '../../../shared/annotations';
import {
  colorForNewTag,
  deleteTagSentence,
  exactTag,
  indexTags,
  matchTags,
  mergeTagSentence,
  planNewTag,
  subtreeIds,
  tagTree,
  usesLabel,
} from '../../../renderer/features/codebook/tagTree';

function tag(id: string, name: string, parentId: string | null = null, extra: Partial<Tag> = {}): Tag {
  return {
    id,
    parentId,
    name,
    color: 'gray' as TagColor,
    description: '',
    highlightCount: 0,
    claimCount: 0,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

const codebook = [
  tag('w', 'Weapons', null, { color: 'red' }),
  tag('sa', 'Small arms', 'w'),
  tag('ad', 'Air defence', 'w', { description: 'S-300, Buk, Pantsir' }),
  tag('p', 'Pistols', 'sa'),
  tag('bc', 'Báo chí'),
  tag('an', 'Agreements'),
];

describe('indexTags', () => {
  it('orders the tree depth-first with siblings by name, and gives each tag its path', () => {
    const index = indexTags(codebook);
    expect(index.ordered.map((t) => t.name)).toEqual([
      'Agreements',
      'Báo chí',
      'Weapons',
      'Air defence',
      'Small arms',
      'Pistols',
    ]);
    expect(index.path('p')).toBe('Weapons / Small arms / Pistols');
    expect(index.depth('p')).toBe(2);
    expect(index.depth('w')).toBe(0);
  });

  it('shows a tag whose parent is missing, and survives a cycle in bad data', () => {
    const index = indexTags([tag('a', 'A', 'b'), tag('b', 'B', 'a'), tag('c', 'C', 'gone')]);
    expect(index.ordered.map((t) => t.name).sort()).toEqual(['A', 'B', 'C']);
    expect(index.path('c')).toBe('C');
  });

  it('knows what lies inside a tag', () => {
    expect([...subtreeIds(indexTags(codebook), 'w')].sort()).toEqual(['ad', 'p', 'sa', 'w']);
  });
});

describe('matchTags', () => {
  const index = indexTags(codebook);
  const names = (query: string, exclude: string[] = []) =>
    matchTags(index, query, { exclude }).map((m) => m.path);

  it('matches names and paths ignoring case and accents, best first', () => {
    expect(names('bao chi')).toEqual(['Báo chí']);
    expect(names('SMALL')).toEqual(['Weapons / Small arms', 'Weapons / Small arms / Pistols']);
    expect(names('weapons/small arms/p')).toEqual(['Weapons / Small arms / Pistols']);
    expect(names('arms')[0]).toBe('Weapons / Small arms');
  });

  it('puts an exact name first, then names starting with the query', () => {
    expect(names('a')[0]).toBe('Agreements');
    expect(names('pistols')).toEqual(['Weapons / Small arms / Pistols']);
  });

  it('lists everything in tree order for an empty query, without the tags already applied', () => {
    expect(names('', ['w', 'bc'])).toEqual([
      'Agreements',
      'Weapons / Air defence',
      'Weapons / Small arms',
      'Weapons / Small arms / Pistols',
    ]);
  });

  it('finds an exact tag by name or path', () => {
    expect(exactTag(index, 'small ARMS')?.id).toBe('sa');
    expect(exactTag(index, 'Weapons/Small arms')?.id).toBe('sa');
    expect(exactTag(index, 'bao chi')?.id).toBe('bc');
    expect(exactTag(index, 'Small')).toBeUndefined();
  });
});

describe('planNewTag', () => {
  const index = indexTags(codebook);

  it('creates a plain name at the top level, and offers nothing for an existing tag', () => {
    expect(planNewTag(index, '  Sanctions ')).toEqual({
      kind: 'create',
      parentId: null,
      names: ['Sanctions'],
    });
    expect(planNewTag(index, 'small arms')).toMatchObject({ kind: 'exists', tag: { id: 'sa' } });
    expect(planNewTag(index, '   ')).toEqual({ kind: 'none' });
  });

  it('creates under the tag a path leads to, full or partial', () => {
    expect(planNewTag(index, 'Weapons / Drones')).toEqual({
      kind: 'create',
      parentId: 'w',
      names: ['Drones'],
    });
    expect(planNewTag(index, 'small arms/Rifles')).toEqual({
      kind: 'create',
      parentId: 'sa',
      names: ['Rifles'],
    });
    expect(planNewTag(index, 'Weapons / Small arms / Rifles / AK-103')).toEqual({
      kind: 'create',
      parentId: 'sa',
      names: ['Rifles', 'AK-103'],
    });
  });

  it('creates the missing levels of a path that leads nowhere yet', () => {
    expect(planNewTag(index, 'Places / Caracas')).toEqual({
      kind: 'create',
      parentId: null,
      names: ['Places', 'Caracas'],
    });
  });

  it('waits while a path is still being typed, and refuses an ambiguous parent', () => {
    expect(planNewTag(index, 'Weapons /')).toEqual({ kind: 'none' });
    const twins = indexTags([...codebook, tag('sa2', 'Small arms', 'an')]);
    expect(planNewTag(twins, 'Small arms / Rifles')).toMatchObject({ kind: 'invalid' });
    expect(planNewTag(twins, 'Weapons / Small arms / Rifles')).toEqual({
      kind: 'create',
      parentId: 'sa',
      names: ['Rifles'],
    });
  });

  it('refuses a name longer than the main side accepts', () => {
    expect(planNewTag(index, 'x'.repeat(201))).toMatchObject({ kind: 'invalid' });
  });
});

describe('colours and labels', () => {
  const index = indexTags(codebook);

  it('gives a child its parent’s colour and a new top-level tag the next colour', () => {
    expect(colorForNewTag(index, 'w')).toBe('red');
    expect(colorForNewTag(index, null)).not.toBe('gray');
  });

  it('counts uses and says what merge and delete will do', () => {
    const used = tag('x', 'Rosoboronexport', null, { highlightCount: 3, claimCount: 1 });
    expect(usesLabel(used)).toBe('3 highlights · 1 claim');
    expect(mergeTagSentence(used, { name: 'Arms trade' })).toBe(
      'All 3 highlights and 1 claim tagged “Rosoboronexport” will be tagged “Arms trade”; “Rosoboronexport” will be removed.',
    );
    expect(mergeTagSentence({ ...used, highlightCount: 1, claimCount: 0 }, { name: 'Arms trade' })).toBe(
      'The 1 highlight and 0 claims tagged “Rosoboronexport” will be tagged “Arms trade”; “Rosoboronexport” will be removed.',
    );
    expect(mergeTagSentence({ ...used, highlightCount: 0, claimCount: 0 }, { name: 'Arms trade' })).toBe(
      'No highlights or claims are tagged “Rosoboronexport”; “Rosoboronexport” will be removed.',
    );
    expect(deleteTagSentence(used, true)).toBe(
      '“Rosoboronexport” is used on 3 highlights and 1 claim. Delete it? Its child tags move up a level.',
    );
    expect(deleteTagSentence(used, false)).toBe(
      '“Rosoboronexport” is used on 3 highlights and 1 claim. Delete it?',
    );
  });
});

describe('tagTree', () => {
  const index = indexTags(codebook);

  it('draws the whole tree without a query', () => {
    const { nodes } = tagTree(index);
    expect(nodes.map((n) => n.tag.name)).toEqual(['Agreements', 'Báo chí', 'Weapons']);
    expect(nodes[2]!.children.map((n) => n.tag.name)).toEqual(['Air defence', 'Small arms']);
  });

  it('keeps matches (by name, path or description) and the branches leading to them, opened', () => {
    const { nodes, expand } = tagTree(index, 'pistol');
    expect(nodes.map((n) => n.tag.name)).toEqual(['Weapons']);
    expect(nodes[0]!.children.map((n) => n.tag.name)).toEqual(['Small arms']);
    expect([...expand].sort()).toEqual(['sa', 'w']);
    expect(tagTree(index, 'pantsir').nodes[0]!.children.map((n) => n.tag.name)).toEqual(['Air defence']);
  });
});
