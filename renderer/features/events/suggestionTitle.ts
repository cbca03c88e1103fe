// The title first offered for an event accepted from a suggested sentence: the sentence itself, on one line,
// short enough to read in the list and on the timeline. The user edits it before anything is created; this
// only spares them typing the words the source already gives.

/** Titles longer than this are cut at a word boundary and end with an ellipsis. */
export const SUGGESTED_TITLE_MAX = 120;

/** A word boundary further back than this is not worth keeping: the title is cut mid-word instead. */
const MIN_KEPT_FRACTION = 0.5;

export function suggestionTitle(sentence: string): string {
  const max = SUGGESTED_TITLE_MAX;
  // One line, and no closing full stop: a title is not a sentence. An ellipsis ("...") and the stop of an
  // abbreviation ("the U.S.") stay.
  const text = sentence
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<![.\p{Lu}])\.$/u, '');
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space >= max * MIN_KEPT_FRACTION ? room.slice(0, space) : room;
  // A comma or a colon left before the ellipsis reads as a stutter.
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`;
}
