// The document's reference as it will be cited (issue 7): the bibliography entry the main side formats
// (citations.reference, APA), and the type it is cited as, chosen or inferred. Refreshed when the document's
// details change.
import { useEffect, useState } from 'react';
import { REFERENCE_TYPE_LABELS } from '../../../shared/csl';
import type { DocumentDetail } from '../../../shared/domain';
import { api } from '../../api';
import { errorMessage } from '../../store/index';

type Shown = { text: string; type: string; inferred: boolean } | { error: string };

export function ReferencePreview({ doc }: { doc: DocumentDetail }) {
  const [shown, setShown] = useState<{ version: string; value: Shown } | null>(null);
  useEffect(() => {
    let live = true;
    api['citations.reference']({ documentId: doc.id, style: 'apa' }).then(
      (r) =>
        live &&
        setShown({
          version: doc.updatedAt,
          value: { text: r.text, type: REFERENCE_TYPE_LABELS[r.type], inferred: r.typeInferred },
        }),
      (error: unknown) => live && setShown({ version: doc.updatedAt, value: { error: errorMessage(error) } }),
    );
    return () => {
      live = false;
    };
  }, [doc.id, doc.updatedAt]);
  const value = shown?.version === doc.updatedAt ? shown.value : null;
  return (
    <section className="reference-preview" aria-labelledby="reference-preview-title">
      <h3 id="reference-preview-title">Cited as</h3>
      {value === null ? (
        <p className="hint">Formatting the reference…</p>
      ) : 'error' in value ? (
        <p className="form-failure" role="alert">
          {value.error}
        </p>
      ) : (
        <>
          <p className="reference-type">
            {value.type}
            {value.inferred ? ' (from its details)' : ''}
          </p>
          <p className="reference-entry" data-testid="reference-entry">
            {value.text}
          </p>
          <p className="hint">APA 7th edition; other styles in Export….</p>
        </>
      )}
    </section>
  );
}
