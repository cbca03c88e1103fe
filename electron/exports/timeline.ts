// The timeline as JSON that TimelineJS (Knight Lab) reads: one slide per event, its date at the precision
// known, its claims by relation in the slide's text. TimelineJS shows text as HTML, so every value from the
// project is escaped. Events without a year cannot be placed on its axis: they are left out, and the title
// slide says how many.
import { EVENT_RELATIONS } from '../../shared/annotations';
import { parsePartialDate, formatPartialDate } from '../../shared/dates';
import type { Event } from '../../shared/events';
import type { ExportLookups } from './lookups';
import { escapeHtml } from './html';

interface TimelineDate {
  year: number;
  month?: number;
  day?: number;
  display_date?: string;
}

function timelineDate(value: string | null): TimelineDate | null {
  const parts = value ? parsePartialDate(value) : null;
  if (!parts || parts.year === null) return null;
  return {
    year: parts.year,
    ...(parts.month !== null ? { month: parts.month } : {}),
    ...(parts.day !== null ? { day: parts.day } : {}),
    // TimelineJS would print "2006" for "circa 2006": say it.
    ...(parts.circa ? { display_date: formatPartialDate(value) } : {}),
  };
}

const RELATION_HEADINGS = {
  supports: 'Supported by',
  contradicts: 'Contradicted by',
  mentions: 'Mentioned by',
};

export function timelineJson(events: readonly Event[], lookups: ExportLookups, title: string): object {
  const placed = events.flatMap((event) => {
    const start = timelineDate(event.start);
    if (!start) return [];
    const end = timelineDate(event.end);
    const claims = lookups.claimsOf(event.id);
    const sections = EVENT_RELATIONS.flatMap((relation) => {
      const linked = claims.filter((c) => c.relation === relation);
      if (linked.length === 0) return [];
      const items = linked.map(({ claim }) => {
        const by = lookups.entity(claim.claimantId)?.name;
        return `<li>${escapeHtml(claim.statement)}${by ? ` (${escapeHtml(by)})` : ''}</li>`;
      });
      return [`<p>${RELATION_HEADINGS[relation]}:</p><ul>${items.join('')}</ul>`];
    });
    const place = lookups.entity(event.placeId)?.name;
    const text = [
      event.description ? `<p>${escapeHtml(event.description)}</p>` : '',
      place ? `<p>Place: ${escapeHtml(place)}</p>` : '',
      event.contested ? '<p>Contested: claims support and contradict it.</p>' : '',
      ...sections,
    ].join('');
    const group = event.tagIds[0] ? lookups.tagPath(event.tagIds[0]) : undefined;
    return [
      {
        unique_id: event.id,
        start_date: start,
        ...(end ? { end_date: end } : {}),
        text: { headline: escapeHtml(event.title), text },
        ...(group ? { group: escapeHtml(group) } : {}),
      },
    ];
  });
  const unplaced = events.length - placed.length;
  return {
    title: {
      text: {
        headline: escapeHtml(title),
        text:
          unplaced > 0 ? `<p>${unplaced} event${unplaced === 1 ? '' : 's'} without a year left out.</p>` : '',
      },
    },
    events: placed,
  };
}
