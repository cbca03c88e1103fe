// An event's date as the events view shows it: a partial date, or a range "start – end".
import { describe, expect, it } from 'vitest';
import { formatEventDate } from '../../../renderer/features/events/eventFormat';

describe('formatEventDate', () => {
  it('shows a single date at its precision', () => {
    expect(formatEventDate({ start: '2024-11-08', end: null })).toBe('8 November 2024');
    expect(formatEventDate({ start: '~1996', end: null })).toBe('c. 1996');
  });

  it('shows a range as start – end', () => {
    expect(formatEventDate({ start: '2006-07', end: '2006-08' })).toBe('July 2006 – August 2006');
  });
});
