// A view's side of store/search.ts's revealRequest: a search result named a row of this view. The view clears
// whatever hides the row (`prepare`: a filter, a closed branch), then the row is scrolled to and focused, as
// if the user had arrowed to it. Rows are found by the data-key that react-aria's collections give them.
import { useEffect, useRef } from 'react';
import { useDossier } from '../../store/index';

/** Frames to wait for the row to be rendered after the filter is cleared. */
const MAX_FRAMES = 10;

export function useRevealRequest(kind: 'entity' | 'tag', prepare: (id: string) => void): void {
  const request = useDossier((s) => s.revealRequest);
  const take = useDossier((s) => s.takeRevealRequest);
  const frame = useRef(0);

  useEffect(() => {
    if (!request || request.kind !== kind) return;
    take();
    prepare(request.id);
    cancelAnimationFrame(frame.current);
    let tries = 0;
    const focus = () => {
      const row = document.querySelector<HTMLElement>(`[data-key="${CSS.escape(request.id)}"]`);
      if (row) {
        row.scrollIntoView({ block: 'nearest' });
        row.focus();
      } else if (++tries < MAX_FRAMES) frame.current = requestAnimationFrame(focus);
    };
    frame.current = requestAnimationFrame(focus);
  }, [request, kind, take, prepare]);

  // Taking the request changes it: only leaving the view stops looking for the row.
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
}
