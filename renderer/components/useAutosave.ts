// A field that saves itself, like the highlight note: the draft is saved a moment after typing stops, when the
// field loses focus, and when the editor goes away (another claim chosen, the view switched, the window
// closed), so nothing typed is lost. A saved value that changes from elsewhere (Undo, a merge) replaces the
// draft, unless it is this field's own save coming back.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../store/index';

export interface AutosaveOptions<T> {
  /** The value as the main side has it. */
  saved: T;
  /** Saves a value; rejects with a message the user can read. */
  save(value: T): Promise<void>;
  /** Milliseconds after the last change; 0 saves only on blur and unmount. */
  delay: number;
  /** The value to save for a draft (a trimmed statement); drafts with the same value need no save. */
  normalize?(draft: T): T;
  /** Why a value cannot be saved, or null. */
  validate?(value: T): string | null;
  /** Why the draft cannot be saved, when the editor knows better than the value (fields that make no date). */
  invalid?: string | null;
  /** False once the thing edited is gone (deleted): nothing is flushed to it then. */
  stillExists(): boolean;
}

export interface Autosave<T> {
  draft: T;
  setDraft(draft: T): void;
  /** Saves now if there is anything to save (on blur). */
  flush(): void;
  /** A change is waiting or being saved. */
  busy: boolean;
  /** The reason the draft is not saved: invalid, or the main side's refusal. */
  error: string | null;
  /** Bumped when the draft was replaced from elsewhere; a key for uncontrolled editors. */
  resets: number;
}

const same = <T>(a: T, b: T) => Object.is(a, b);
const identity = <T>(value: T) => value;

export function useAutosave<T>(options: AutosaveOptions<T>): Autosave<T> {
  const { saved, delay } = options;
  const normalize = options.normalize ?? identity;
  const [draft, setDraftState] = useState(saved);
  const [base, setBase] = useState(saved);
  /** The value last sent and not yet acknowledged (or refused). */
  const [sent, setSent] = useState<{ value: T; failed: boolean } | null>(null);
  const [inFlight, setInFlight] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [resets, setResets] = useState(0);

  // The saved value moved: our own save coming back, or a change from elsewhere that replaces the draft.
  if (!same(saved, base)) {
    setBase(saved);
    if (sent && same(sent.value, saved)) {
      setSent(null);
    } else {
      setDraftState(saved);
      setSent(null);
      setFailure(null);
      setResets((n) => n + 1);
    }
  }

  const value = normalize(draft);
  const invalid = options.invalid ?? options.validate?.(value) ?? null;
  const dirty = !same(value, saved);
  const waiting = dirty && invalid === null && !(sent && same(sent.value, value));

  const latest = useRef({ value, waiting, save: options.save, stillExists: options.stillExists });
  useEffect(() => {
    latest.current = { value, waiting, save: options.save, stillExists: options.stillExists };
  });

  const flush = useCallback(() => {
    const { value: next, waiting: needed, save } = latest.current;
    if (!needed) return;
    latest.current = { ...latest.current, waiting: false };
    setSent({ value: next, failed: false });
    setInFlight((n) => n + 1);
    save(next)
      .then(
        () => setFailure(null),
        (error: unknown) => {
          // Kept as sent, so the same refused value is not retried until the user changes it.
          setSent({ value: next, failed: true });
          setFailure(errorMessage(error));
        },
      )
      .finally(() => setInFlight((n) => n - 1));
  }, []);

  useEffect(() => {
    if (!waiting || delay <= 0) return;
    const timer = window.setTimeout(flush, delay);
    return () => window.clearTimeout(timer);
  }, [value, waiting, delay, flush]);

  // Leaving the editor, reloading or closing the window must not lose what was typed.
  useEffect(() => {
    const flushOnLeave = () => {
      const { value: next, waiting: needed, save, stillExists } = latest.current;
      if (!needed || !stillExists()) return;
      latest.current = { ...latest.current, waiting: false };
      void save(next).catch(() => undefined);
    };
    window.addEventListener('pagehide', flushOnLeave);
    return () => {
      window.removeEventListener('pagehide', flushOnLeave);
      flushOnLeave();
    };
  }, []);

  const setDraft = useCallback((next: T) => {
    setDraftState(next);
    setFailure(null);
    setSent((current) => (current?.failed ? null : current));
  }, []);

  return {
    draft,
    setDraft,
    flush,
    busy: waiting || inFlight > 0,
    error: invalid ?? failure,
    resets,
  };
}
