// Parts the events view, the event page and "Link to event…" share: the contested marker, the actors field
// (people and organisations taking part) and the relation radios.
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import type { EventRelation } from '../../../shared/annotations';
import { EVENT_RELATION_LABELS, EVENT_RELATIONS } from '../../../shared/events';
import { useDossier } from '../../store/index';
import { EntityPicker } from '../entities/EntityPicker';
import './events.css';

/** Contested: an icon and the word, never colour alone. */
export function ContestedMarker() {
  return (
    <span className="event-contested">
      <span aria-hidden="true">⚠ </span>Contested
    </span>
  );
}

/** The people and organisations taking part: chips, each removable, and a picker to add one. */
export function ActorsField({
  actorIds,
  onChange,
  error,
}: {
  actorIds: readonly string[];
  onChange(actorIds: string[]): void;
  error?: string | undefined;
}) {
  const entities = useDossier((s) => s.entities);
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const shown = actorIds.filter((id) => names.has(id));
  return (
    <div className="event-field" role="group" aria-label="Actors">
      <span className="label-like" aria-hidden="true">
        Actors
      </span>
      {shown.length > 0 && (
        <ul className="event-actors">
          {shown.map((id) => (
            <li key={id} className="event-actor">
              <span>{names.get(id)}</span>
              <Button
                className="event-chip-remove"
                aria-label={`Remove actor ${names.get(id)}`}
                onPress={() => onChange(actorIds.filter((a) => a !== id))}
              >
                <span aria-hidden="true">×</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <EntityPicker
        label="Add actor"
        value={null}
        onChange={(id) => {
          if (id !== null && !actorIds.includes(id)) onChange([...actorIds, id]);
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** Supports / Contradicts / Mentions, as radios. */
export function RelationRadios({
  value,
  onChange,
}: {
  value: EventRelation;
  onChange(relation: EventRelation): void;
}) {
  return (
    <RadioGroup
      className="event-field event-relation-choice"
      orientation="horizontal"
      value={value}
      onChange={(v) => onChange(v as EventRelation)}
    >
      <Label>Relation</Label>
      <div className="status-radios">
        {EVENT_RELATIONS.map((r) => (
          <Radio key={r} value={r} className={`status-radio relation-${r}`}>
            {EVENT_RELATION_LABELS[r]}
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
