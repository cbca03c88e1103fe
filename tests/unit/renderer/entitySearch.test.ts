// Finding people, organisations and places by any spelling of any of their names.
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../shared/annotations';
import {
  addAliases,
  deleteEntitySentence,
  entityTotals,
  exactEntity,
  matchEntities,
  mergeEntitySentence,
  parseAliases,
} from '../../../renderer/features/entities/entitySearch';

function entity(id: string, name: string, extra: Partial<Entity> = {}): Entity {
  return {
    id,
    kind: 'person',
    name,
    aliases: [],
    description: '',
    claimCount: 0,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

const people = [
  entity('nm', 'Nicolás Maduro', { aliases: ['Maduro', 'N. Maduro'] }),
  entity('dr', 'Delcy Rodríguez'),
  entity('ro', 'Rosoboronexport', { kind: 'organization', aliases: ['Рособоронэкспорт'] }),
  entity('cc', 'Caracas', { kind: 'place' }),
  entity('mm', 'Madurai', { kind: 'place' }),
];

describe('matchEntities', () => {
  const found = (query: string) => matchEntities(people, query).map((m) => m.entity.name);

  it('finds a name without its accents, by any word, in any order', () => {
    expect(found('Nicolas Maduro')).toEqual(['Nicolás Maduro']);
    expect(found('maduro nicolas')).toEqual(['Nicolás Maduro']);
    expect(found('rodriguez')).toEqual(['Delcy Rodríguez']);
  });

  it('finds by alias, says which alias matched, and ranks exact ahead of prefix', () => {
    const [first, second] = matchEntities(people, 'maduro');
    expect(first).toEqual({ entity: people[0], matchedAlias: 'Maduro' });
    expect(second).toBeUndefined();
    expect(matchEntities(people, 'madur').map((m) => m.entity.name)).toEqual(['Madurai', 'Nicolás Maduro']);
    expect(matchEntities(people, 'рособоронэкспорт')[0]).toMatchObject({ matchedAlias: 'Рособоронэкспорт' });
  });

  it('reports no alias when the name matches as well', () => {
    expect(matchEntities(people, 'Nicolás')[0]?.matchedAlias).toBeNull();
  });

  it('filters by kind and leaves out excluded entities', () => {
    expect(matchEntities(people, '', { kind: 'place' }).map((m) => m.entity.name)).toEqual([
      'Caracas',
      'Madurai',
    ]);
    expect(matchEntities(people, 'madur', { exclude: ['mm'] }).map((m) => m.entity.name)).toEqual([
      'Nicolás Maduro',
    ]);
  });

  it('knows when a typed name is already someone', () => {
    expect(exactEntity(people, ' nicolas  MADURO ')?.id).toBe('nm');
    expect(exactEntity(people, 'n. maduro')?.id).toBe('nm');
    expect(exactEntity(people, 'Maduro Moros')).toBeUndefined();
  });
});

describe('aliases', () => {
  it('splits a typed list and drops blanks, repeats and the name itself', () => {
    expect(parseAliases('Maduro, N. Maduro;  Maduro ,,')).toEqual(['Maduro', 'N. Maduro']);
    expect(addAliases(['Maduro'], ['Nicolás Maduro', ' Nicolas  Maduro '], 'Nicolás Maduro')).toEqual([
      'Maduro',
      'Nicolas Maduro',
    ]);
  });
});

describe('sentences', () => {
  it('says what a merge and a delete do', () => {
    expect(
      mergeEntitySentence({ name: 'Maduro', aliases: [], claimCount: 2 }, { name: 'Nicolás Maduro' }),
    ).toBe(
      '“Maduro” becomes an alias of “Nicolás Maduro”. Its 2 claims will name “Nicolás Maduro” as claimant. “Maduro” will be removed.',
    );
    expect(deleteEntitySentence({ name: 'Maduro', claimCount: 1 })).toBe(
      '1 claim names “Maduro” as claimant; it keeps its statement with an unknown claimant. Delete “Maduro”?',
    );
    expect(deleteEntitySentence({ name: 'Maduro', claimCount: 0 })).toBe(
      'No claims name “Maduro” as claimant. Delete “Maduro”?',
    );
  });

  it('totals by kind', () => {
    expect(entityTotals(people)).toBe('2 people · 1 organisation · 2 places');
  });
});
