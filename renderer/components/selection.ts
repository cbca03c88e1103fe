// React Aria reports a single-selection list's choice as a Set of keys (or 'all'); we want the one key.
import type { Selection } from 'react-aria-components';

export function singleKey(keys: Selection): string | undefined {
  if (keys === 'all') return undefined;
  const [key] = [...keys];
  return key === undefined ? undefined : String(key);
}
