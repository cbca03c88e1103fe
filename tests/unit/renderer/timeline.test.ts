// The timeline's layout, axis and frames: partial dates drawn as the stretches they name, month-day dates in
// the year-unknown band, lanes by tag and actor, filters, zoom around the pointer, ticks that suit the zoom,
// clusters for events too close to tell apart, and a frame that visits only what is in view.
import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '../../../shared/annotations';
import { dayNumber } from '../../../shared/date-spans';
import type { Event } from '../../../shared/events';
import {
  layoutTimeline,
  NO_TIMELINE_FILTER,
  packRows,
  timelineBound,
  type LayoutLookups,
  type TimelineFilter,
} from '../../../renderer/features/timeline/timelineLayout';
import {
  axisTicks,
  clampView,
  fitView,
  MAX_SCALE,
  zoomAt,
  type TimelineView,
} from '../../../renderer/features/timeline/timelineScale';
import { buildScene, fitLabel, type SceneEvent } from '../../../renderer/features/timeline/timelineScene';
import { xmlSafe } from '../../../renderer/features/timeline/exportTimeline';

let nextId = 0;
function event(start: string, fields: Partial<Event> = {}): Event {
  nextId += 1;
  const id = `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`;
  return {
    id,
    title: `Event ${nextId}`,
    start,
    end: null,
    placeId: null,
    actorIds: [],
    tagIds: [],
    description: '',
    claimCounts: { supports: 0, contradicts: 0, mentions: 0 },
    contested: false,
    claimStatuses: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

const lookups: LayoutLookups = {
  tagWithDescendants: (id) => new Set(id === 'parent' ? ['parent', 'child'] : [id]),
  tagLabel: (id) => ({ parent: 'Politics', child: 'Politics / Elections', other: 'Arms' })[id] ?? id,
  entityName: (id) => ({ a: 'Maduro', b: 'Rogozin' })[id],
};

const layout = (
  events: Event[],
  filter: Partial<TimelineFilter> = {},
  mode: 'none' | 'tag' | 'actor' = 'none',
) => layoutTimeline(events, { ...NO_TIMELINE_FILTER, ...filter }, mode, lookups);

describe('timeline layout', () => {
  it('draws a month as the whole month and a year as the whole year, a known day as a precise day', () => {
    const july = event('2006-07');
    const year = event('1996');
    const day = event('2024-11-08');
    const { lanes, extent } = layout([july, year, day]);
    const entries = lanes[0]!.rows.flat();
    const of = (e: Event) => entries.find((x) => x.event === e)!;
    expect([of(july).first, of(july).last]).toEqual([dayNumber(2006, 7, 1), dayNumber(2006, 7, 31)]);
    expect(of(july).approximate).toBe(true);
    expect([of(year).first, of(year).last]).toEqual([dayNumber(1996, 1, 1), dayNumber(1996, 12, 31)]);
    expect(of(day).first).toBe(of(day).last);
    expect(of(day).approximate).toBe(false);
    expect(extent).toEqual({ first: dayNumber(1996, 1, 1), last: dayNumber(2024, 11, 8) });
  });

  it('puts a month-day date in the year-unknown band, by month and day, never at a year', () => {
    const december = event('--12-16');
    const dated = event('2024-11-08');
    const result = layout([december, dated]);
    expect(result.lanes[0]!.count).toBe(1);
    expect(result.unknownYear?.count).toBe(1);
    const entry = result.unknownYear!.rows[0]![0]!;
    expect(entry.event).toBe(december);
    // Day 350 of a leap year is 16 December.
    expect(entry.first).toBe(350);
    expect(result.extent).toEqual({ first: dayNumber(2024, 11, 8), last: dayNumber(2024, 11, 8) });
  });

  it('never puts two events that share a day in one row', () => {
    const entries = [
      { first: 10, last: 20 },
      { first: 15, last: 15 },
      { first: 21, last: 30 },
      { first: 20, last: 20 },
      { first: 0, last: 100 },
    ].map((span) => ({ event: event('2000'), ...span, approximate: false }));
    const rows = packRows(entries);
    for (const row of rows) {
      for (let i = 1; i < row.length; i++) expect(row[i]!.first).toBeGreaterThan(row[i - 1]!.last);
    }
    expect(rows.flat()).toHaveLength(5);
    // The long event first, then the rest in as few rows as their overlaps need.
    expect(rows[0]![0]!.last).toBe(100);
    expect(rows).toHaveLength(3);
  });

  it('gives a lane to each tag or actor, an event with two in both, and the lane without one last', () => {
    const both = event('2024', { tagIds: ['parent', 'other'], actorIds: ['a'] });
    const none = event('2023');
    const byTag = layout([both, none], {}, 'tag');
    expect(byTag.lanes.map((l) => l.label)).toEqual(['Arms', 'Politics', 'No tag']);
    expect(byTag.shown).toBe(2);
    const byActor = layout([both, none], {}, 'actor');
    expect(byActor.lanes.map((l) => l.label)).toEqual(['Maduro', 'No actor']);
  });

  it('filters by tag with its children, actor, claim status and date range', () => {
    const child = event('2024', { tagIds: ['child'], actorIds: ['b'] });
    const disputed = event('2022-03', { claimStatuses: ['disputed' as ClaimStatus] });
    const undated = event('--03-05', { claimStatuses: ['disputed' as ClaimStatus] });
    const all = [child, disputed, undated];
    const shownOf = (filter: Partial<TimelineFilter>) =>
      layout(all, filter)
        .lanes.flatMap((l) => l.rows.flat())
        .map((e) => e.event)
        .concat(
          layout(all, filter)
            .unknownYear?.rows.flat()
            .map((e) => e.event) ?? [],
        );
    expect(shownOf({ tagId: 'parent' })).toEqual([child]);
    expect(shownOf({ actorId: 'b' })).toEqual([child]);
    expect(shownOf({ statuses: ['disputed'] })).toEqual([disputed, undated]);
    // A month overlaps a range that ends within it; an event without a year cannot be placed in a range.
    expect(shownOf({ dateFrom: '2021', dateTo: '2022-03-01' })).toEqual([disputed]);
    expect(shownOf({ dateFrom: '2023' })).toEqual([child]);
  });

  it('explains a date-range bound that is not a date with a year', () => {
    expect(timelineBound('2022-03')).toEqual({
      span: { first: dayNumber(2022, 3, 1), last: dayNumber(2022, 3, 31) },
    });
    expect(timelineBound('March')).toHaveProperty('error');
    expect(timelineBound('--03-05')).toHaveProperty('error');
  });
});

describe('timeline scale', () => {
  it('zooms around the pointer: the day under it stays under it', () => {
    const view: TimelineView = { start: dayNumber(2020, 1, 1), scale: 1 };
    const x = 300;
    const dayUnder = view.start + x / view.scale;
    const zoomed = zoomAt(view, 4, x, 1000, null);
    expect(zoomed.scale).toBe(4);
    expect(zoomed.start + x / zoomed.scale).toBeCloseTo(dayUnder, 6);
  });

  it('zooms from centuries down to days, no further', () => {
    const view: TimelineView = { start: 0, scale: 1 };
    expect(zoomAt(view, 1e6, 0, 1000, null).scale).toBe(MAX_SCALE);
    const widest = zoomAt(view, 1e-9, 0, 1000, null).scale;
    expect(1000 / widest / 365.2425).toBeCloseTo(200, 0);
  });

  it('keeps the dated events within reach however far the view is panned', () => {
    const extent = { first: dayNumber(2000, 1, 1), last: dayNumber(2010, 12, 31) };
    const far = clampView({ start: dayNumber(1800, 1, 1), scale: 1 }, 1000, extent);
    expect(far.start + 500).toBe(extent.first);
    const near = { start: dayNumber(2005, 1, 1), scale: 1 };
    expect(clampView(near, 1000, extent)).toEqual(near);
  });

  it('fits every dated event in the width', () => {
    const extent = { first: dayNumber(1996, 1, 1), last: dayNumber(2024, 11, 8) };
    const view = fitView(extent, 1000, 0);
    expect(view.start).toBeLessThan(extent.first);
    expect(view.start + 1000 / view.scale).toBeGreaterThan(extent.last);
  });

  it('labels ticks at a unit that suits the zoom', () => {
    const at = (scale: number) => axisTicks({ start: dayNumber(2024, 1, 1), scale }, 1000);
    const days = at(100);
    expect(days.unit).toBe('days');
    expect(days.minor[0]!.label).toBe('1 Jan');
    expect(days.context[0]!.label).toBe('January 2024');
    const months = at(3);
    expect(months.unit).toBe('months');
    expect(months.minor.map((t) => t.label).slice(0, 3)).toEqual(['Jan', 'Feb', 'Mar']);
    expect(months.context[0]!.label).toBe('2024');
    const decades = at(1000 / (100 * 365));
    expect(decades.unit).toMatch(/years$/);
    for (const tick of decades.minor) expect(Number(tick.label) % 10).toBe(0);
    // Ticks never crowd closer than their labels need.
    for (const ticks of [days, months, decades]) {
      for (let i = 1; i < ticks.minor.length; i++) {
        expect(ticks.minor[i]!.x - ticks.minor[i - 1]!.x).toBeGreaterThanOrEqual(60);
      }
    }
  });
});

describe('timeline frames', () => {
  it('draws events apart when zoomed in and as one cluster when zoomed out', () => {
    const a = event('2024-11-03', { title: 'Talks in Caracas' });
    const b = event('2024-11-08', { title: 'Agreements signed' });
    const result = layout([a, b]);
    const near = buildScene(result, { start: dayNumber(2024, 11, 1), scale: 60 }, 1000, 0, 1000);
    expect(near.items.map((i) => i.kind)).toEqual(['event', 'event']);
    const labels = near.items.map((i) => (i as SceneEvent).label);
    expect(labels).toEqual(['Talks in Caracas', 'Agreements signed']);
    // A day later, the first label has a day's room: it is cut, not drawn over the next event.
    const crowded = layout([event('2024-11-07', { title: 'Talks in Caracas' }), b]);
    const cut = buildScene(crowded, { start: dayNumber(2024, 11, 1), scale: 60 }, 1000, 0, 1000);
    expect((cut.items[0] as SceneEvent).label).toMatch(/^Talks.*…$/);
    const far = buildScene(result, { start: dayNumber(2000, 1, 1), scale: 0.05 }, 1000, 0, 1000);
    expect(far.items).toHaveLength(1);
    expect(far.items[0]).toMatchObject({ kind: 'cluster', count: 2 });
  });

  it('sums up a crowded lane in one row of clusters, every event in view counted and drawn', () => {
    const year = event('2006', { title: 'A year-long event' });
    const days = Array.from({ length: 200 }, (_, i) =>
      event(new Date(Date.UTC(2006, 6, 1 + (i % 31))).toISOString().slice(0, 10)),
    );
    const result = layout([year, ...days]);
    const view = { start: dayNumber(2006, 7, 1), scale: 1000 / 31 };
    const scene = buildScene(result, view, 1000, 0, 1000);
    expect(scene.lanes[0]!.summarized).toBe(true);
    expect(scene.items.every((i) => i.kind === 'cluster')).toBe(true);
    const counted = scene.items.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0);
    expect(counted).toBe(201);
    for (const item of scene.items) {
      expect(item.x + scene.offset).toBeGreaterThanOrEqual(0);
      expect(item.x + scene.offset).toBeLessThan(1000);
    }
    // Zoomed in on a week, the rows come back.
    const week = buildScene(result, { start: dayNumber(2006, 7, 10), scale: 1000 / 7 }, 1000, 0, 1000);
    expect(week.lanes[0]!.summarized).toBe(false);
    expect(week.items.some((i) => i.kind === 'event' && i.event === year)).toBe(true);
    // In March only the year-long event is there: the lane is one row tall, not as tall as July needs.
    expect(result.lanes[0]!.rows.length).toBeGreaterThan(3);
    const march = buildScene(result, { start: dayNumber(2006, 3, 1), scale: 1000 / 31 }, 1000, 0, 1000);
    expect(march.items).toHaveLength(1);
    expect(march.lanes[0]!.height).toBe(week.lanes[0]!.height - (result.lanes[0]!.rows.length - 1) * 24);
  });

  it('draws only what is in the window, however many events there are', () => {
    const many = Array.from({ length: 5000 }, (_, i) => {
      const day = new Date(Date.UTC(2000, 0, 1 + i * 2)).toISOString().slice(0, 10);
      return event(day);
    });
    const result = layout(many);
    const scene = buildScene(result, { start: dayNumber(2005, 1, 1), scale: 20 }, 1000, 0, 500);
    // 1000 px at 20 px a day is 50 days: 25 events, one every other day.
    expect(scene.items.length).toBeGreaterThanOrEqual(24);
    expect(scene.items.length).toBeLessThanOrEqual(27);
    for (const item of scene.items) {
      expect(item.x + scene.offset + item.width).toBeGreaterThanOrEqual(-20);
      expect(item.x + scene.offset).toBeLessThanOrEqual(1000);
    }
  });

  it('pans without moving what is already drawn, only the offset', () => {
    const result = layout([event('2024-11-03'), event('2024-11-08'), event('2024-11-20')]);
    const a = buildScene(result, { start: dayNumber(2024, 11, 1), scale: 40 }, 1000, 0, 1000);
    const b = buildScene(result, { start: dayNumber(2024, 11, 1) + 2, scale: 40 }, 1000, 0, 1000);
    expect(b.offset).toBeCloseTo(a.offset - 80, 6);
    const xs = (scene: typeof a) => scene.items.filter((i) => i.kind === 'event').map((i) => [i.key, i.x]);
    expect(xs(b).slice(0, 2)).toEqual(xs(a).slice(0, 2));
  });

  it('puts the title before an event at the right edge, where there is room for it', () => {
    const talks = event('--12-16', { title: 'Rogozin and Ramirez hold talks in Caracas' });
    const scene = buildScene(layout([talks]), { start: 0, scale: 1 }, 732, 0, Infinity);
    const item = scene.band!.items[0] as SceneEvent;
    expect(item.label).toBe('Rogozin and Ramirez hold talks in Caracas');
    expect(item.labelX).toBeLessThan(item.x);
    // Near the left edge, it goes after the event as usual.
    const early = buildScene(
      layout([event('--01-05', { title: 'Talks' })]),
      { start: 0, scale: 1 },
      732,
      0,
      1e9,
    );
    const first = early.band!.items[0] as SceneEvent;
    expect(first.labelX).toBeGreaterThan(first.x);
  });

  it('cuts a label to the room it has', () => {
    expect(fitLabel('Chernyshenko visits Caracas', 1000)).toBe('Chernyshenko visits Caracas');
    const cut = fitLabel('Chernyshenko visits Caracas', 80);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(14);
    expect(fitLabel('Chernyshenko visits Caracas', 10)).toBe('');
    // Never inside a character: an emoji is two UTF-16 units.
    const emoji = fitLabel('Protest 🔥🔥🔥 in Caracas tonight', 66);
    expect(emoji).toMatch(/^Protest 🔥*…$/u);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('writes only what XML allows into a saved picture', () => {
    expect(xmlSafe('<text>Talks\u0007 in \uD83D Caracas 🔥</text>')).toBe(
      '<text>Talks in \uFFFD Caracas 🔥</text>',
    );
  });

  it('places the year-unknown band below the lanes with its own months', () => {
    const result = layout([event('2024-11-08'), event('--12-16', { title: 'Trust meeting' })]);
    const scene = buildScene(result, { start: dayNumber(2024, 11, 1), scale: 30 }, 732, 0, Infinity);
    expect(scene.band).not.toBeNull();
    expect(scene.band!.y).toBeGreaterThanOrEqual(scene.lanes[0]!.y + scene.lanes[0]!.height);
    const inBand = scene.band!.items.find((i) => i.kind === 'event' && i.event.title === 'Trust meeting')!;
    expect(inBand.y).toBeGreaterThan(scene.band!.y);
    // 16 December: day 350 of 366 across 732 px.
    expect(inBand.x).toBeCloseTo(700, 0);
    expect(scene.band!.ticks.map((t) => t.label)[11]).toBe('Dec');
  });
});
