// An event's date as text: a partial date at the precision the sources give, or a range "start – end".
import { formatPartialDate } from '../../../shared/dates';
import type { Event } from '../../../shared/events';

/** "8 November 2024", or a range as "July 2006 – August 2006". */
export function formatEventDate(event: Pick<Event, 'start' | 'end'>): string {
  const start = formatPartialDate(event.start);
  return event.end ? `${start} – ${formatPartialDate(event.end)}` : start;
}
