// Draws a timeline scene (timelineScene) as SVG: on screen, the axis and the body as two pieces (the axis
// stays while the lanes scroll) whose events are buttons; for a report, one self-contained picture with a
// title and a key. Colours and fonts are attributes, not classes, so the saved file looks the same anywhere.
// Approximate dates (a month, a year, circa) are drawn dashed and pale: the event happened somewhere within.
import { createContext, memo, useContext, type KeyboardEvent, type ReactNode } from 'react';
import type { Event } from '../../../shared/events';
import { formatEventDate } from '../events/eventFormat';
import type { Theme } from '../../theme';
import { shortcutKeys } from '../../shortcuts';
import {
  AXIS_HEIGHT,
  BAND_AXIS,
  type SceneCluster,
  type SceneEvent,
  type SceneItem,
  type TimelineScene,
} from './timelineScene';

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/**
 * The drawing's colours. A saved picture uses the print palette (a report is read on paper or a light page,
 * whatever the app's theme); on screen, the timeline passes the theme's palette (styles.css, --tl-*).
 */
export interface TimelinePalette {
  ink: string;
  muted: string;
  rule: string;
  bar: string;
  barEdge: string;
  paleBar: string;
  selected: string;
  cluster: string;
  contested: string;
  band: string;
  paper: string;
  /** Text on the bar-edge and cluster colours (the badges' numbers). */
  onDark: string;
}

export const PRINT_PALETTE: TimelinePalette = {
  ink: '#1f2933',
  muted: '#52606d',
  rule: '#d9dee4',
  bar: '#d6e4f5',
  barEdge: '#2f5f9e',
  paleBar: '#eef3fa',
  selected: '#0b3d91',
  cluster: '#5b6f89',
  contested: '#b3261e',
  band: '#f6f2e7',
  paper: '#ffffff',
  onDark: '#ffffff',
};

const CSS_VARIABLES: Record<keyof TimelinePalette, string> = {
  ink: '--tl-ink',
  muted: '--tl-muted',
  rule: '--tl-rule',
  bar: '--tl-bar',
  barEdge: '--tl-bar-edge',
  paleBar: '--tl-pale-bar',
  selected: '--tl-selected',
  cluster: '--tl-cluster',
  contested: '--tl-contested',
  band: '--tl-band',
  paper: '--tl-paper',
  onDark: '--tl-on-dark',
};

/** The palette of a theme, read from the stylesheet once that theme is applied (else the print colours). */
export function themePalette(theme: Theme): TimelinePalette {
  const root = document.documentElement;
  if (root.dataset.theme !== theme) return PRINT_PALETTE;
  const style = getComputedStyle(root);
  const palette = { ...PRINT_PALETTE };
  for (const key of Object.keys(CSS_VARIABLES) as (keyof TimelinePalette)[]) {
    const value = style.getPropertyValue(CSS_VARIABLES[key]).trim();
    if (value) palette[key] = value;
  }
  return palette;
}

export const PaletteContext = createContext<TimelinePalette>(PRINT_PALETTE);
const BAR_HEIGHT = 16;

export interface TimelineActions {
  selectedId: string | null;
  onOpen(eventId: string): void;
  /** Zooms in on a cluster, or lists its events where the axis cannot zoom (the year-unknown band). */
  onCluster(cluster: SceneCluster): void;
}

/**
 * A drawn shape as a button on screen (focusable, Enter or Space presses it); in a saved picture, just the
 * drawing.
 */
function ShapeButton(props: {
  interactive: boolean;
  label: string;
  className: string;
  pressed?: boolean;
  eventId?: string;
  onPress(): void;
  children: ReactNode;
}) {
  if (!props.interactive) return <g>{props.children}</g>;
  return (
    <g
      role="button"
      tabIndex={0}
      aria-label={props.label}
      aria-pressed={props.pressed}
      className={props.className}
      data-event-id={props.eventId}
      onClick={props.onPress}
      onKeyDown={(e: KeyboardEvent) => {
        if (!shortcutKeys('timeline.open').includes(e.key)) return;
        e.preventDefault();
        e.stopPropagation();
        props.onPress();
      }}
    >
      {props.children}
    </g>
  );
}

/** "Title, 8 November 2024, 3 claims, contested": what a screen reader and a hover say of an event. */
export function eventDescription(event: Event): string {
  const claims = event.claimCounts.supports + event.claimCounts.contradicts + event.claimCounts.mentions;
  const parts = [event.title, formatEventDate(event), claims === 1 ? '1 claim' : `${claims} claims`];
  if (event.contested) parts.push('contested');
  return parts.join(', ');
}

/** Events a saved picture's cluster names in its tooltip, at most. */
const CLUSTER_NAMED = 20;

function EventShapeView({ item, actions }: { item: SceneEvent; actions: TimelineActions | null }) {
  const p = useContext(PaletteContext);
  const selected = actions?.selectedId === item.event.id;
  const description = eventDescription(item.event);
  let x = item.labelX;
  const badges: ReactNode[] = [];
  if (item.showBadges && item.claims > 0) {
    const w = 10 + String(item.claims).length * 6.6;
    badges.push(
      <g key="claims">
        <rect x={x} y={item.y + 5} width={w} height={14} rx={7} fill={p.barEdge} />
        <text x={x + w / 2} y={item.y + 16} fontSize={10} fill={p.onDark} textAnchor="middle">
          {item.claims}
        </text>
      </g>,
    );
    x += w + 4;
  }
  if (item.showBadges && item.event.contested) {
    badges.push(
      <text key="contested" x={x} y={item.y + 17} fontSize={13} fill={p.contested}>
        ⚠
      </text>,
    );
    x += 16;
  }
  // The badges repeat what the name says ("3 claims, contested") and sit beside the button, not in it: the
  // button's visible words are then its title, which its name starts with (WCAG 2.5.3, label in name).
  return (
    <>
      <ShapeButton
        interactive={actions !== null}
        label={description}
        className="timeline-event"
        pressed={selected}
        eventId={item.event.id}
        onPress={() => actions?.onOpen(item.event.id)}
      >
        {!actions && <title>{description}</title>}
        <rect
          x={item.x}
          y={item.y + (24 - BAR_HEIGHT) / 2}
          width={Math.max(item.width, 6)}
          height={BAR_HEIGHT}
          rx={3}
          fill={item.approximate ? p.paleBar : p.bar}
          stroke={selected ? p.selected : p.barEdge}
          strokeWidth={selected ? 2.5 : 1}
          strokeDasharray={item.approximate ? '4 3' : undefined}
        />
        {item.label && (
          <text x={x} y={item.y + 16} fontSize={12} fill={p.ink} fontWeight={selected ? 600 : 400}>
            {item.label}
          </text>
        )}
      </ShapeButton>
      {badges.length > 0 && (
        <g aria-hidden="true" onClick={() => actions?.onOpen(item.event.id)}>
          {badges}
        </g>
      )}
    </>
  );
}

function ClusterShapeView({ item, actions }: { item: SceneCluster; actions: TimelineActions | null }) {
  const p = useContext(PaletteContext);
  const label = `${item.count} events${item.contested > 0 ? `, ${item.contested} contested` : ''}`;
  return (
    <ShapeButton
      interactive={actions !== null}
      label={`${label}; ${item.inBand ? 'list them' : 'zoom in'}`}
      className="timeline-cluster"
      onPress={() => actions?.onCluster(item)}
    >
      {!actions && (
        <title>
          {`${label}: ${item.events.slice(0, CLUSTER_NAMED).map(eventDescription).join('; ')}${
            item.events.length > CLUSTER_NAMED ? '; …' : ''
          }`}
        </title>
      )}
      <rect x={item.x} y={item.y + 3} width={item.width} height={18} rx={9} fill={p.cluster} />
      <text
        x={item.x + item.width / 2}
        y={item.y + 16}
        fontSize={item.count > 99 && item.count < 1000 ? 8 : 10}
        fill={p.onDark}
        textAnchor="middle"
      >
        {item.count < 1000 ? item.count : `${Math.floor(item.count / 1000)}k`}
      </text>
      {item.contested > 0 && (
        <text x={item.x + item.width + 2} y={item.y + 17} fontSize={12} fill={p.contested}>
          ⚠
        </text>
      )}
    </ShapeButton>
  );
}

/**
 * Scenes are rebuilt every frame; a shape whose drawing did not change (most of them while panning) is not
 * rendered again.
 */
function sameDrawing<T extends SceneItem>(keys: readonly (keyof T)[]) {
  return (a: { item: T; actions: TimelineActions | null }, b: { item: T; actions: TimelineActions | null }) =>
    a.actions === b.actions && keys.every((key) => a.item[key] === b.item[key]);
}

const sameEvent = sameDrawing<SceneEvent>([
  'event',
  'x',
  'y',
  'width',
  'label',
  'labelX',
  'showBadges',
  'approximate',
]);
// A cluster's span and events are new objects every frame; the first event and the count stand for them.
const sameCluster = (
  a: { item: SceneCluster; actions: TimelineActions | null },
  b: { item: SceneCluster; actions: TimelineActions | null },
) =>
  sameDrawing<SceneCluster>(['x', 'y', 'width', 'count', 'contested'])(a, b) &&
  a.item.span.first === b.item.span.first &&
  a.item.span.last === b.item.span.last &&
  a.item.events[0] === b.item.events[0];

const EventShape = memo(EventShapeView, sameEvent);
const ClusterShape = memo(ClusterShapeView, sameCluster);

function Items({ items, actions }: { items: readonly SceneItem[]; actions: TimelineActions | null }) {
  return items.map((item) =>
    item.kind === 'event' ? (
      <EventShape key={item.key} item={item} actions={actions} />
    ) : (
      <ClusterShape key={item.key} item={item} actions={actions} />
    ),
  );
}

/** The time axis: context labels (month or year) above, tick labels below. */
export function AxisShapes({ scene }: { scene: TimelineScene }) {
  const p = useContext(PaletteContext);
  return (
    <g aria-hidden="true">
      <rect x={0} y={0} width={scene.width} height={AXIS_HEIGHT} fill={p.paper} />
      {scene.axis.context.map((tick) => (
        <text key={`c${tick.x}`} x={tick.x + 3} y={14} fontSize={11} fontWeight={600} fill={p.ink}>
          {tick.label}
        </text>
      ))}
      {scene.axis.minor.map((tick) => (
        <g key={`m${tick.x}`}>
          <line x1={tick.x} x2={tick.x} y1={20} y2={AXIS_HEIGHT} stroke={p.muted} />
          <text x={tick.x + 3} y={33} fontSize={11} fill={p.muted}>
            {tick.label}
          </text>
        </g>
      ))}
      <line x1={0} x2={scene.width} y1={AXIS_HEIGHT - 0.5} y2={AXIS_HEIGHT - 0.5} stroke={p.muted} />
    </g>
  );
}

/** Lanes, gridlines, the year-unknown band and the events; `actions` null for a picture without buttons. */
export function BodyShapes({ scene, actions }: { scene: TimelineScene; actions: TimelineActions | null }) {
  const p = useContext(PaletteContext);
  const { band } = scene;
  return (
    <>
      <g aria-hidden="true">
        {scene.axis.minor.map((tick) => (
          <line
            key={tick.x}
            x1={tick.x}
            x2={tick.x}
            y1={0}
            y2={band ? band.y : scene.bodyHeight}
            stroke={p.rule}
            strokeWidth={0.5}
          />
        ))}
        {scene.lanes.map((lane) => (
          <g key={lane.key}>
            <line x1={0} x2={scene.width} y1={lane.y + 0.5} y2={lane.y + 0.5} stroke={p.rule} />
            <text x={6} y={lane.y + 15} fontSize={12} fontWeight={600} fill={p.ink}>
              {`${lane.label} (${lane.count})${lane.summarized ? ': zoom in to see each event' : ''}`}
            </text>
          </g>
        ))}
        {band && (
          <g>
            <rect x={0} y={band.y} width={scene.width} height={band.height} fill={p.band} />
            {band.ticks.map((tick) => (
              <g key={tick.label}>
                <line x1={tick.x} x2={tick.x} y1={band.y} y2={band.y + band.height} stroke={p.rule} />
                <text x={tick.x + 3} y={band.y + 14} fontSize={11} fill={p.muted}>
                  {tick.label}
                </text>
              </g>
            ))}
            <text x={6} y={band.y + BAND_AXIS + 15} fontSize={12} fontWeight={600} fill={p.ink}>
              {`Year unknown (${band.count}): month and day known, the year not stated${band.summarized ? '; zoom in on a cluster to see each event' : ''}`}
            </text>
          </g>
        )}
      </g>
      <g transform={`translate(${scene.offset} 0)`}>
        <Items items={scene.items} actions={actions} />
      </g>
      {band && <Items items={band.items} actions={actions} />}
    </>
  );
}

const TITLE_HEIGHT = 30;
const KEY_LINE = 18;

/** The key's entries: a swatch and what it means. */
const KEY: { label: string; swatch: (x: number, y: number, p: TimelinePalette) => ReactNode }[] = [
  {
    label: 'known day or range',
    swatch: (x, y, p) => (
      <rect x={x} y={y - 10} width={18} height={12} rx={3} fill={p.bar} stroke={p.barEdge} />
    ),
  },
  {
    label: 'some time within (month, year, circa)',
    swatch: (x, y, p) => (
      <rect
        x={x}
        y={y - 10}
        width={18}
        height={12}
        rx={3}
        fill={p.paleBar}
        stroke={p.barEdge}
        strokeDasharray="4 3"
      />
    ),
  },
  {
    label: 'number of claims',
    swatch: (x, y, p) => <rect x={x} y={y - 10} width={18} height={12} rx={6} fill={p.barEdge} />,
  },
  {
    label: 'contested',
    swatch: (x, y, p) => (
      <text x={x + 2} y={y} fill={p.contested}>
        ⚠
      </text>
    ),
  },
];

/** The key laid out in lines that fit the width. */
function keyLayout(width: number): { x: number; line: number }[] {
  let x = 6;
  let line = 0;
  return KEY.map((entry) => {
    const w = 24 + entry.label.length * 6 + 18;
    if (x > 6 && x + w > width) {
      x = 6;
      line += 1;
    }
    const at = { x, line };
    x += w;
    return at;
  });
}

/** The whole timeline as one picture for a report: title, axis, lanes, band and a key. */
export function TimelinePicture({ scene, title }: { scene: TimelineScene; title: string }) {
  const p = PRINT_PALETTE;
  const places = keyLayout(scene.width);
  const keyTop = TITLE_HEIGHT + AXIS_HEIGHT + scene.bodyHeight;
  const height = keyTop + (places[places.length - 1]!.line + 1) * KEY_LINE + 10;
  return (
    // Explicitly the print palette, whatever surrounds it.
    <PaletteContext value={p}>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={scene.width}
        height={height}
        viewBox={`0 0 ${scene.width} ${height}`}
        fontFamily={FONT}
      >
        <rect x={0} y={0} width={scene.width} height={height} fill={p.paper} />
        <text x={6} y={20} fontSize={15} fontWeight={600} fill={p.ink}>
          {title}
        </text>
        <g transform={`translate(0 ${TITLE_HEIGHT})`}>
          <AxisShapes scene={scene} />
        </g>
        <g transform={`translate(0 ${TITLE_HEIGHT + AXIS_HEIGHT})`}>
          <BodyShapes scene={scene} actions={null} />
        </g>
        <g fontSize={11} fill={p.muted}>
          {KEY.map((entry, i) => {
            const { x, line } = places[i]!;
            const y = keyTop + 17 + line * KEY_LINE;
            return (
              <g key={entry.label}>
                {entry.swatch(x, y, p)}
                <text x={x + 24} y={y}>
                  {entry.label}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </PaletteContext>
  );
}
