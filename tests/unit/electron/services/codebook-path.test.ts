// A path typed in the tag picker ("Places / Venezuela / Caracas") creates its missing levels in one step: all
// of them, or none when one is refused, and one Undo takes them all back.
import { describe, expect, it } from 'vitest';
import { makeApp, rejection } from '../../helpers/app';

describe('creating a path of tags', () => {
  it('creates each level under the one before and returns the deepest', async () => {
    const { app, call } = makeApp();
    const places = await call('tags.create', { name: 'Places' });
    const caracas = await call('tags.createPath', { parentId: places.id, names: ['Venezuela', 'Caracas'] });
    const tags = await call('tags.list', {});
    const venezuela = tags.find((t) => t.name === 'Venezuela')!;
    expect(venezuela.parentId).toBe(places.id);
    expect(caracas.parentId).toBe(venezuela.id);
    expect(await call('history.state', {})).toMatchObject({ undo: 'Create tags' });
    await call('history.undo', {});
    expect((await call('tags.list', {})).map((t) => t.name)).toEqual(['Places']);
    app.close();
  });

  it('creates nothing when a level is refused', async () => {
    const { app, call } = makeApp();
    const error = await rejection(
      call('tags.createPath', { names: ['Places', 'Caracas', 'caracas / old town'] }),
    );
    expect(error.message).toMatch(/cannot contain “\/”/);
    const clash = await rejection(
      (async () => {
        const top = await call('tags.create', { name: 'Places' });
        await call('tags.create', { name: 'Caracas', parentId: top.id });
        // The last level clashes with nothing, but the first exists already at the top level.
        return call('tags.createPath', { parentId: null, names: ['places', 'Maracaibo'] });
      })(),
    );
    expect(clash.message).toMatch(/already a tag “places”|already a tag “Places”/);
    expect((await call('tags.list', {})).map((t) => t.name).sort()).toEqual(['Caracas', 'Places']);
    app.close();
  });
});
