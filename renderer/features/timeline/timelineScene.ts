// One frame of the timeline: from the layout (timelineLayout) and a view (timelineScale), what to draw in a
// window of the page. Only rows in the vertical window and events in the horizontal one are visited (a binary
// search per row), so a frame costs what is on screen, not the size of the project. Events too close to tell
// apart at this zoom are drawn as one cluster with their number; clicking it zooms in on them. The same scene
// is drawn on screen and written out as SVG or PNG (TimelineSvg).
import type { DaySpan } from '../../../shared/date-spans';
import type { Event } from '../../../shared/events';
import { BAND_DAYS, type TimelineEntry, type TimelineLane, type TimelineLayout } from './timelineLayout';
import { axisTicks, type AxisTicks, type Tick, type TimelineView } from './timelineScale';

export const ROW_HEIGHT = 24;
export const LANE_HEADER = 22;
export const LANE_GAP = 10;
export const AXIS_HEIGHT = 40;
export const BAND_AXIS = 20;
/** An event narrower than this is a marker; markers closer than this make a cluster. */
const CLUSTER_PX = 24;
const MARKER_PX = 6;
/** Items' origin moves in steps of this many pixels while panning. */
const ORIGIN_STEP_PX = 4096;
/** Width of a character of the 12px labels, on average (for cutting labels to the room they have). */
const CHAR_PX = 6.6;

export interface SceneEvent {
  kind: 'event';
  key: string;
  event: Event;
  x: number;
  width: number;
  y: number;
  approximate: boolean;
  /** The title cut to the room before the next thing in the row ('' when none fits). */
  label: string;
  /** Where the label starts: inside a wide bar, after a narrow one. */
  labelX: number;
  /** Badges are drawn when there is room: the number of claims and the contested marker. */
  showBadges: boolean;
  claims: number;
}

export interface SceneCluster {
  kind: 'cluster';
  key: string;
  x: number;
  width: number;
  y: number;
  count: number;
  contested: number;
  span: DaySpan;
  events: Event[];
  /** In the year-unknown band, whose axis does not zoom: pressing it lists its events instead. */
  inBand: boolean;
}

export type SceneItem = SceneEvent | SceneCluster;

export interface SceneLane {
  key: string;
  label: string;
  count: number;
  y: number;
  height: number;
  /** Too crowded at this zoom: drawn as one row of clusters. */
  summarized: boolean;
}

export interface TimelineScene {
  width: number;
  /**
   * Items' x is counted from an origin that stays put while the view pans (it moves every few thousand
   * pixels, and on zoom); the screen position is x + offset. Panning then changes one transform, and items
   * already drawn are not touched.
   */
  offset: number;
  /** Height of everything below the axis (lanes and the year-unknown band). */
  bodyHeight: number;
  axis: AxisTicks;
  lanes: SceneLane[];
  items: SceneItem[];
  /** The year-unknown band, its items in screen coordinates (its axis does not pan). */
  band: {
    y: number;
    height: number;
    count: number;
    ticks: Tick[];
    items: SceneItem[];
    summarized: boolean;
  } | null;
}

/** Index of the first entry of a row ending on or after `day` (entries' last days rise along a row). */
function firstVisible(row: readonly TimelineEntry[], day: number): number {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (row[mid]!.last < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const badgeWidth = (claims: number) => (claims > 0 ? 10 + String(claims).length * CHAR_PX : 0);

/** The text that fits in `room` pixels: whole, or cut with an ellipsis; '' if not even a few letters fit. */
export function fitLabel(text: string, room: number): string {
  const chars = Math.floor(room / CHAR_PX);
  if (chars >= text.length) return text;
  if (chars < 4) return '';
  // Cut between characters, never inside one (an emoji is two UTF-16 units).
  const characters = Array.from(text);
  if (chars >= characters.length) return text;
  return `${characters
    .slice(0, chars - 1)
    .join('')
    .trimEnd()}…`;
}

/** Space a badge group takes before the title: the claim count, the contested marker. */
export function badgesWidth(event: Event): number {
  const claims = event.claimCounts.supports + event.claimCounts.contradicts + event.claimCounts.mentions;
  return badgeWidth(claims) + (claims > 0 ? 4 : 0) + (event.contested ? 16 : 0);
}

interface Placed {
  entry: TimelineEntry | null;
  entries: TimelineEntry[];
  x: number;
  right: number;
}

/** The visible entries of one row, neighbours too close to tell apart merged into clusters. */
function placeRow(
  row: readonly TimelineEntry[],
  toX: (day: number) => number,
  scale: number,
  fromDay: number,
  toDay: number,
): Placed[] {
  const placed: Placed[] = [];
  let bucket = Number.NaN;
  for (let i = firstVisible(row, fromDay); i < row.length && row[i]!.first <= toDay; i++) {
    const entry = row[i]!;
    const x = toX(entry.first);
    const width = (entry.last - entry.first + 1) * scale;
    const right = x + Math.max(width, MARKER_PX);
    const last = placed[placed.length - 1];
    if (width < CLUSTER_PX) {
      // Buckets count from day 0, so a cluster keeps its members while the view pans.
      const b = Math.floor((entry.first * scale) / CLUSTER_PX);
      if (last && b === bucket) {
        last.entries.push(entry);
        last.entry = null;
        last.right = Math.max(last.right, right);
        continue;
      }
      bucket = b;
    } else {
      bucket = Number.NaN;
    }
    placed.push({ entry, entries: [entry], x, right });
  }
  return placed;
}

function sceneItems(
  row: readonly TimelineEntry[],
  y: number,
  view: TimelineView,
  origin: number,
  width: number,
  keyPrefix: string,
  inBand: boolean,
): SceneItem[] {
  const toX = (day: number) => (day - origin) * view.scale;
  const fromDay = view.start - CLUSTER_PX / view.scale;
  const toDay = view.start + width / view.scale;
  // The screen's left and right edges in items' coordinates.
  const left = (view.start - origin) * view.scale;
  const right = left + width;
  const placed = placeRow(row, toX, view.scale, fromDay, toDay);
  const items: SceneItem[] = [];
  // Where the previous item's drawing (bar and label) ends: a label put left of its event starts after it.
  let occupied = left;
  placed.forEach((p, i) => {
    // The last label in view stops at the edge of the view: one drawn beyond it could not be read.
    const nextX = i + 1 < placed.length ? Math.min(placed[i + 1]!.x, right) : right;
    if (p.entry === null) {
      items.push({
        kind: 'cluster',
        key: `${keyPrefix}:c:${p.entries[0]!.event.id}`,
        x: p.x,
        width: Math.max(p.right - p.x, CLUSTER_PX),
        y,
        count: p.entries.length,
        contested: p.entries.filter((e) => e.event.contested).length,
        span: { first: p.entries[0]!.first, last: Math.max(...p.entries.map((e) => e.last)) },
        events: p.entries.map((e) => e.event),
        inBand,
      });
      occupied = Math.max(p.x + CLUSTER_PX + 16, p.right);
      return;
    }
    const { event } = p.entry;
    const barWidth = p.right - p.x;
    const badges = badgesWidth(event);
    const wanted = badges + event.title.length * CHAR_PX;
    let labelX: number;
    let room: number;
    let onLeft = false;
    if (barWidth >= 48) {
      // Inside a wide bar, from the left edge of the screen when the bar begins before it.
      labelX = Math.max(p.x, left) + 4;
      room = nextX - 6 - labelX;
    } else {
      // After a narrow bar, or before it when there is more room there (an event near the edge of the view).
      const after = nextX - 6 - (p.right + 3);
      const before = p.x - 3 - (occupied + 6);
      onLeft = after < wanted && before > after;
      labelX = p.right + 3;
      room = onLeft ? before : after;
    }
    const showBadges = badges > 0 && room >= badges + 4 * CHAR_PX;
    const label = fitLabel(event.title, room - (showBadges ? badges : 0));
    const drawnWidth = (showBadges ? badges : 0) + label.length * CHAR_PX;
    if (onLeft) labelX = p.x - 3 - drawnWidth;
    const claims = event.claimCounts.supports + event.claimCounts.contradicts + event.claimCounts.mentions;
    items.push({
      kind: 'event',
      key: `${keyPrefix}:${event.id}`,
      event,
      x: p.x,
      width: barWidth,
      y,
      approximate: p.entry.approximate,
      label,
      labelX,
      showBadges,
      claims,
    });
    occupied = Math.max(p.right, labelX + drawnWidth);
  });
  return items;
}

/** Ticks of the year-unknown band: the first of each month across the width. */
function bandTicks(width: number): Tick[] {
  const starts = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return starts.map((day, i) => ({ x: (day / BAND_DAYS) * width, label: names[i]! }));
}

/** Index just past the last entry of a row starting on or before `day`. */
function pastVisible(row: readonly TimelineEntry[], day: number): number {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (row[mid]!.first <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A lane with more events in view than this many per cluster's width is drawn as one row of clusters. */
const DENSE_PER_SLOT = 1.5;

/**
 * A lane too crowded at this zoom to draw event by event (more events in view than fit side by side) is
 * summarised in one row: the events of each cluster-wide slot counted together, whichever row they are in.
 * Zooming in brings the rows back. This keeps a frame's work bounded by the screen, not by the project.
 */
function laneItems(
  lane: TimelineLane,
  view: TimelineView,
  origin: number,
  width: number,
  y: number,
  window: { top: number; bottom: number },
  keyPrefix: string,
  inBand: boolean,
): { items: SceneItem[]; height: number; summarized: boolean } {
  const fromDay = view.start - CLUSTER_PX / view.scale;
  const toDay = view.start + width / view.scale;
  let visible = 0;
  // Rows below the last one with something in view are left out: a lane is as tall as what it shows here.
  let rowsInView = 1;
  lane.rows.forEach((row, r) => {
    const count = pastVisible(row, toDay) - firstVisible(row, fromDay);
    if (count > 0) {
      visible += count;
      rowsInView = r + 1;
    }
  });
  if (visible <= (DENSE_PER_SLOT * width) / CLUSTER_PX) {
    const items: SceneItem[] = [];
    lane.rows.slice(0, rowsInView).forEach((row, r) => {
      const rowY = y + LANE_HEADER + r * ROW_HEIGHT;
      if (rowY + ROW_HEIGHT < window.top || rowY > window.bottom) return;
      items.push(...sceneItems(row, rowY, view, origin, width, `${keyPrefix}:${r}`, inBand));
    });
    return { items, height: LANE_HEADER + rowsInView * ROW_HEIGHT + LANE_GAP, summarized: false };
  }
  const height = LANE_HEADER + ROW_HEIGHT + LANE_GAP;
  const rowY = y + LANE_HEADER;
  if (rowY + ROW_HEIGHT < window.top || rowY > window.bottom) return { items: [], height, summarized: true };
  const slots = new Map<number, SceneCluster>();
  const slotDays = CLUSTER_PX / view.scale;
  for (const row of lane.rows) {
    const end = pastVisible(row, toDay);
    for (let i = firstVisible(row, fromDay); i < end; i++) {
      const entry = row[i]!;
      // Slots count from day 0 (pan keeps them); an event begun before the first whole slot in view counts
      // in that slot, so every event counted is drawn.
      const slot = Math.max(Math.floor(entry.first / slotDays), Math.ceil(view.start / slotDays));
      let cluster = slots.get(slot);
      if (!cluster) {
        cluster = {
          kind: 'cluster',
          key: `${keyPrefix}:s:${slot}`,
          x: slot * CLUSTER_PX - origin * view.scale,
          width: CLUSTER_PX - 2,
          y: rowY,
          count: 0,
          contested: 0,
          // Pressing it zooms in on its own stretch of the axis.
          span: { first: Math.floor(slot * slotDays), last: Math.ceil((slot + 1) * slotDays) },
          events: [],
          inBand,
        };
        slots.set(slot, cluster);
      }
      cluster.count += 1;
      cluster.events.push(entry.event);
      if (entry.event.contested) cluster.contested += 1;
    }
  }
  const items = [...slots.values()].sort((a, b) => a.x - b.x);
  return { items, height, summarized: true };
}

/**
 * The scene for a view `width` pixels wide, with only what lies between `top` and `top + height` of the body
 * (pass 0 and Infinity for everything, as an export does).
 */
export function buildScene(
  layout: TimelineLayout,
  view: TimelineView,
  width: number,
  top: number,
  height: number,
): TimelineScene {
  const window = { top, bottom: top + height };
  const origin = Math.floor((view.start * view.scale) / ORIGIN_STEP_PX) * (ORIGIN_STEP_PX / view.scale);
  const lanes: SceneLane[] = [];
  const items: SceneItem[] = [];
  let y = 0;
  for (const lane of layout.lanes) {
    const drawn = laneItems(lane, view, origin, width, y, window, lane.key, false);
    lanes.push({
      key: lane.key,
      label: lane.label,
      count: lane.count,
      y,
      height: drawn.height,
      summarized: drawn.summarized,
    });
    items.push(...drawn.items);
    y += drawn.height;
  }
  let band: TimelineScene['band'] = null;
  if (layout.unknownYear) {
    // The band has its own fixed axis: January to December across the width, in screen coordinates.
    const bandView = { start: 0, scale: width / BAND_DAYS };
    const drawn = laneItems(layout.unknownYear, bandView, 0, width, y + BAND_AXIS, window, 'band', true);
    const h = BAND_AXIS + drawn.height;
    band = {
      y,
      height: h,
      count: layout.unknownYear.count,
      ticks: bandTicks(width),
      items: drawn.items,
      summarized: drawn.summarized,
    };
    y += h;
  }
  const offset = (origin - view.start) * view.scale;
  return { width, offset, bodyHeight: y, axis: axisTicks(view, width), lanes, items, band };
}
