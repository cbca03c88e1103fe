// The timeline's drawing surface: the axis and the lanes for the current view, zoomed with the wheel, a
// trackpad pinch or +/−, panned by dragging, a trackpad swipe or the arrow keys, with its zoom and save
// buttons. It alone follows the view, so a frame re-renders the drawing and nothing else of the window; a
// frame is built from the zoom-independent layout (timelineLayout) for what is on screen (timelineScene), one
// pending view per animation frame.
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import type { Event } from '../../../shared/events';
import { errorMessage, useDossier } from '../../store/index';
import { formatEventDate } from '../events/eventFormat';
import { saveBlob, svgToPng, timelineFileName, timelineSvg } from './exportTimeline';
import {
  AxisShapes,
  BodyShapes,
  FONT,
  PaletteContext,
  themePalette,
  type TimelineActions,
} from './TimelineSvg';
import { useTheme } from '../../theme';
import { shortcutKeys } from '../../shortcuts';
import type { TimelineLayout } from './timelineLayout';
import { AXIS_HEIGHT, buildScene, type SceneCluster } from './timelineScene';
import { clampView, fitView, panBy, viewOfSpan, zoomAt, type TimelineView as View } from './timelineScale';

const ZOOM_STEP = 1.5;
/** Pixels the lanes scroll for ↑ and ↓. */
const ROW_STEP = 48;
/** Pixels of a drag before it counts as a drag and not a click. */
const DRAG_SLOP = 4;
/** Events listed for a cluster of the year-unknown band, at most. */
const LIST_MAX = 200;

const today = () => Math.floor(Date.now() / 86_400_000);

/** Follows an element's size and scroll position, for drawing only what is in view. */
function useViewport() {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const scroller = useRef<HTMLDivElement | null>(null);
  const attach = useCallback((element: HTMLDivElement | null) => {
    observer.current?.disconnect();
    scroller.current = element;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    observer.current = new ResizeObserver(measure);
    observer.current.observe(element);
    measure();
  }, []);
  const scrollLanes = useCallback((pixels: number) => {
    if (scroller.current) scroller.current.scrollTop += pixels;
  }, []);
  return { width: size.width, height: size.height, scrollTop, setScrollTop, attach, scrollLanes };
}

/** The events of a cluster in the year-unknown band, where zooming cannot tell them apart. */
function ClusterList({ events, onClose }: { events: readonly Event[] | null; onClose(): void }) {
  const selectEvent = useDossier((s) => s.selectEvent);
  return (
    <Modal
      isDismissable
      isOpen={events !== null}
      onOpenChange={(open) => !open && onClose()}
      className="modal"
    >
      <Dialog className="dialog timeline-cluster-dialog">
        <Heading slot="title">{events?.length === 1 ? '1 event' : `${events?.length ?? 0} events`}</Heading>
        <ul className="timeline-cluster-list">
          {events?.slice(0, LIST_MAX).map((event) => (
            <li key={event.id}>
              <Button
                className="link-button"
                onPress={() => {
                  selectEvent(event.id);
                  onClose();
                }}
              >
                {event.title}
              </Button>{' '}
              <span className="hint">{formatEventDate(event)}</span>
            </li>
          ))}
        </ul>
        {events && events.length > LIST_MAX && (
          <p className="hint">The first {LIST_MAX}; filter the timeline to see the others.</p>
        )}
        <div className="dialog-buttons">
          <Button className="secondary-button" onPress={onClose}>
            Close
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}

/** A hover tooltip drawn in the SVG, kept inside the width. */
function Tooltip(props: { text: string; x: number; y: number; width: number; height: number }) {
  const { text, x, y, width, height } = props;
  const w = Math.min(width - 8, text.length * 6.6 + 12);
  const left = Math.max(4, Math.min(x + 8, width - w - 4));
  // Below the pointer, or above it near the bottom.
  const top = y + 38 <= height ? y + 14 : Math.max(0, y - 30);
  return (
    <g className="timeline-tooltip" pointerEvents="none" aria-hidden="true">
      {/* Colours from the theme, in timeline.css. */}
      <rect x={left} y={top} width={w} height={22} rx={4} opacity={0.92} />
      <text x={left + 6} y={top + 15} fontSize={12}>
        {text}
      </text>
    </g>
  );
}

export function TimelineCanvas({ layout }: { layout: TimelineLayout }) {
  const storedView = useDossier((s) => s.timelineView);
  const setStoredView = useDossier((s) => s.setTimelineView);
  const selectedId = useDossier((s) => s.selectedEventId);
  const selectEvent = useDossier((s) => s.selectEvent);
  const projectName = useDossier((s) => s.appInfo?.project.name ?? '');
  const showToast = useDossier((s) => s.showToast);
  // The drawing takes colours as values: read again from the stylesheet when the theme changes.
  const theme = useTheme();
  const palette = useMemo(() => themePalette(theme), [theme]);

  const { width, height, scrollTop, setScrollTop, attach, scrollLanes } = useViewport();
  const view = useMemo<View | null>(
    () => storedView ?? (width > 0 ? fitView(layout.extent, width, today()) : null),
    [storedView, width, layout.extent],
  );

  // One view per animation frame, however many wheel or pointer events arrive in it. Handlers start from the
  // view still pending, so two wheel events in one frame zoom twice.
  const pending = useRef<View | null>(null);
  const frame = useRef(0);
  const currentView = useCallback(() => pending.current ?? view, [view]);
  const applyView = useCallback(
    (wanted: View) => {
      pending.current = clampView(wanted, width, layout.extent);
      if (frame.current !== 0) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        const next = pending.current;
        pending.current = null;
        if (next) setStoredView(next);
      });
    },
    [setStoredView, width, layout.extent],
  );
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const zoom = useCallback(
    (factor: number, x = width / 2) => {
      const current = currentView();
      if (current) applyView(zoomAt(current, factor, x, width, layout.extent));
    },
    [applyView, currentView, width, layout.extent],
  );
  const pan = useCallback(
    (pixels: number) => {
      const current = currentView();
      if (current) applyView(panBy(current, pixels));
    },
    [applyView, currentView],
  );
  const fit = useCallback(() => {
    if (width > 0) applyView(fitView(layout.extent, width, today()));
  }, [applyView, width, layout.extent]);

  // Wheel and pinch: the listener must not be passive, or the page would scroll as well as the timeline zoom.
  const canvas = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const onWheel = (e: WheelEvent) => {
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? element.clientWidth : 1;
      const dx = e.deltaX * unit;
      const dy = e.deltaY * unit;
      e.preventDefault();
      // Shift+wheel scrolls the lanes up and down (browsers may report it as a horizontal wheel).
      if (e.shiftKey && !e.ctrlKey) return scrollLanes(dy || dx);
      if (!e.ctrlKey && Math.abs(dx) > Math.abs(dy)) return pan(dx);
      const x = e.clientX - element.getBoundingClientRect().left;
      // A pinch arrives as a wheel with ctrlKey and small deltas: the same zoom, more sensitive.
      zoom(Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), x);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [pan, zoom, scrollLanes]);

  // Dragging pans; a press that barely moves stays a click on what is under it.
  const drag = useRef<{ x: number; view: View; moved: boolean; id: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const current = currentView();
    if (e.button !== 0 || !current) return;
    drag.current = { x: e.clientX, view: current, moved: false, id: e.pointerId };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    if (!d.moved && Math.abs(dx) < DRAG_SLOP) return;
    if (!d.moved) {
      d.moved = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    applyView(panBy(d.view, -dx));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d?.moved) return;
    e.currentTarget.releasePointerCapture(e.pointerId);
    // The click that ends a drag must not open the event under the pointer.
    const swallow = (click: MouseEvent) => {
      click.stopPropagation();
      click.preventDefault();
    };
    window.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.metaKey || e.ctrlKey) return;
    const step = width * (e.shiftKey ? 0.5 : 0.1);
    // The keys are the ones shortcuts.ts lists (Shift only makes a pan faster, so it is not compared).
    const keys: Record<string, () => void> = {
      ...Object.fromEntries(shortcutKeys('timeline.zoomIn').map((k) => [k, () => zoom(ZOOM_STEP)])),
      ...Object.fromEntries(shortcutKeys('timeline.zoomOut').map((k) => [k, () => zoom(1 / ZOOM_STEP)])),
      ...Object.fromEntries(shortcutKeys('timeline.fit').map((k) => [k, fit])),
    };
    const [left, right] = shortcutKeys('timeline.pan');
    const [up, down, pageUp, pageDown] = shortcutKeys('timeline.lanes');
    keys[left!] = () => pan(-step);
    keys[right!] = () => pan(step);
    keys[up!] = () => scrollLanes(-ROW_STEP);
    keys[down!] = () => scrollLanes(ROW_STEP);
    keys[pageUp!] = () => scrollLanes(-height * 0.9);
    keys[pageDown!] = () => scrollLanes(height * 0.9);
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const [listed, setListed] = useState<readonly Event[] | null>(null);
  // What the pointer is over, said in full (labels are cut to fit): shown where the pointer came in.
  const [hover, setHover] = useState<{ text: string; x: number; y: number } | null>(null);
  const onPointerOver = (e: PointerEvent<SVGSVGElement>) => {
    const shape = (e.target as Element).closest('.timeline-event, .timeline-cluster');
    const text = shape?.getAttribute('aria-label');
    if (!text || drag.current?.moved) return setHover(null);
    const frame = e.currentTarget.getBoundingClientRect();
    setHover({ text, x: e.clientX - frame.left, y: e.clientY - frame.top });
  };
  const actions = useMemo<TimelineActions>(
    () => ({
      selectedId,
      onOpen: (id) => selectEvent(id),
      onCluster: (cluster: SceneCluster) => {
        if (cluster.inBand) setListed(cluster.events);
        else if (width > 0) applyView(viewOfSpan(cluster.span, width, layout.extent));
      },
    }),
    [selectedId, selectEvent, applyView, width, layout.extent],
  );
  const scene = useMemo(
    () => (view && width > 0 ? buildScene(layout, view, width, scrollTop, height) : null),
    [layout, view, width, scrollTop, height],
  );

  // Zooming or panning can take away the event or cluster that had the keyboard focus (it left the view,
  // or became part of a cluster): the focus then stays on the timeline, so the keys keep working.
  const focusInside = useRef(false);
  useEffect(() => {
    const element = canvas.current;
    if (!element || !focusInside.current) return;
    const active = document.activeElement;
    if (active === null || active === document.body) element.focus({ preventScroll: true });
  }, [scene]);

  const [saving, setSaving] = useState(false);
  const save = async (format: 'svg' | 'png') => {
    if (!view || width <= 0) return;
    setSaving(true);
    try {
      const title = projectName ? `Timeline: ${projectName}` : 'Timeline';
      const svg = timelineSvg(buildScene(layout, view, width, 0, Infinity), title);
      const blob = format === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
      saveBlob(blob, `${timelineFileName(projectName, new Date())}.${format}`);
    } catch (error) {
      showToast({ message: `The timeline could not be saved: ${errorMessage(error)}`, tone: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <PaletteContext value={palette}>
      <div className="timeline-frame">
        <div className="timeline-controls" role="toolbar" aria-label="Timeline view">
          <Button className="secondary-button" aria-label="Zoom out" onPress={() => zoom(1 / ZOOM_STEP)}>
            −
          </Button>
          <Button className="secondary-button" aria-label="Zoom in" onPress={() => zoom(ZOOM_STEP)}>
            +
          </Button>
          <Button className="secondary-button" onPress={fit}>
            Fit all
          </Button>
          <span className="timeline-unit" aria-live="polite">
            {scene && `Ticks: ${scene.axis.unit}`}
          </span>
          <Button className="secondary-button" isDisabled={saving} onPress={() => void save('svg')}>
            Save as SVG
          </Button>
          <Button className="secondary-button" isDisabled={saving} onPress={() => void save('png')}>
            Save as PNG
          </Button>
        </div>
        <div
          ref={canvas}
          className="timeline-canvas"
          role="group"
          aria-label="Timeline"
          aria-describedby="timeline-keys"
          tabIndex={0}
          onKeyDown={onKeyDown}
          onFocus={() => (focusInside.current = true)}
          onBlur={(e) => {
            const next = e.relatedTarget as Node | null;
            if (next !== null && e.currentTarget.contains(next)) return;
            if (next !== null) {
              focusInside.current = false;
              return;
            }
            // Nowhere: a click on something that takes no focus, or the focused shape was taken away. Only
            // the first is leaving the timeline.
            const target = e.target as Node;
            setTimeout(() => {
              if (target.isConnected) focusInside.current = false;
            }, 0);
          }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (drag.current = null)}
          data-unit={scene?.axis.unit}
        >
          <svg
            className="timeline-axis"
            width={width}
            height={AXIS_HEIGHT}
            fontFamily={FONT}
            aria-hidden="true"
          >
            {scene && <AxisShapes scene={scene} />}
          </svg>
          <div
            ref={attach}
            className="timeline-scroll"
            onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          >
            {scene && (
              <svg
                className="timeline-lanes"
                width={width}
                height={scene.bodyHeight}
                fontFamily={FONT}
                onPointerOver={onPointerOver}
                onPointerLeave={() => setHover(null)}
              >
                <BodyShapes scene={scene} actions={actions} />
                {hover && <Tooltip {...hover} width={width} height={scene.bodyHeight} />}
              </svg>
            )}
          </div>
          <p id="timeline-keys" className="timeline-keys">
            Wheel or + and − to zoom, drag or ← and → to move, ↑ and ↓ to scroll the lanes, 0 to fit all, Tab
            to reach the events.
          </p>
        </div>
        <ClusterList events={listed} onClose={() => setListed(null)} />
      </div>
    </PaletteContext>
  );
}
