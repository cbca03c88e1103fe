// One choice among a few, as a row of toggle buttons: a single-choice toggle group, which is a radio group to
// assistive technology (named by its visible label, each button a radio named by its choice) and a plain
// button to press. One choice is always selected.
import { useId } from 'react';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';

export interface Choice<T extends string> {
  id: T;
  /** The button's name: its text, or only its accessible name with `labelsHidden`. */
  label: string;
  /** This button's classes, in place of `buttonClassName`. */
  className?: string;
}

export function ChoiceButtons<T extends string>({
  label,
  value,
  onChange,
  choices,
  className = 'form-field',
  labelClassName = 'label-like',
  groupClassName,
  buttonClassName,
  labelsHidden = false,
}: {
  /** The visible text naming the group. */
  label: string;
  value: T;
  // Not a place to infer T from: a state setter would widen it to string.
  onChange(value: NoInfer<T>): void;
  choices: readonly Choice<T>[];
  className?: string;
  labelClassName?: string;
  groupClassName?: string;
  buttonClassName?: string;
  /** The buttons show their choice some other way (a colour swatch): the label is only their name. */
  labelsHidden?: boolean;
}) {
  const labelId = useId();
  return (
    <div className={className}>
      <span className={labelClassName} id={labelId}>
        {label}
      </span>
      <ToggleButtonGroup
        aria-labelledby={labelId}
        className={groupClassName}
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[value]}
        onSelectionChange={(keys) => {
          const [next] = [...keys];
          if (next !== undefined) onChange(next as T);
        }}
      >
        {choices.map((choice) => (
          <ToggleButton
            key={choice.id}
            id={choice.id}
            aria-label={labelsHidden ? choice.label : undefined}
            className={choice.className ?? buttonClassName}
          >
            {labelsHidden ? null : choice.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </div>
  );
}
