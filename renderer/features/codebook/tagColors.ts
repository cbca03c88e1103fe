// Names for the tag palette, as the colour choice and screen readers say them.
import type { TagColor } from '../../../shared/annotations';

export const TAG_COLOR_LABELS: Record<TagColor, string> = {
  gray: 'Grey',
  red: 'Red',
  orange: 'Orange',
  yellow: 'Yellow',
  green: 'Green',
  teal: 'Teal',
  blue: 'Blue',
  purple: 'Purple',
  pink: 'Pink',
};
