// The codebook's tree index, rebuilt only when the list of tags changes.
import { useMemo } from 'react';
import { useDossier } from '../../store/index';
import { indexTags, type TagIndex } from './tagTree';

export function useTagIndex(): TagIndex {
  const tags = useDossier((s) => s.tags);
  return useMemo(() => indexTags(tags), [tags]);
}
