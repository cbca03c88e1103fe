// The document's details: its bibliographic metadata, each value with where it came from (shown on hover or
// focus), editable with validation; and the evidence record of the file itself (SHA-256, size, import time),
// with a way to replace it by a corrected version. The user's corrections are final: a re-import keeps them.
import { useRef, useState } from 'react';
import {
  Button,
  Dialog,
  Heading,
  Input,
  Label,
  Modal,
  Text,
  TextField,
  Tooltip,
  TooltipTrigger,
} from 'react-aria-components';
import {
  LanguageTag,
  WebUrl,
  type DocumentDetail,
  type FieldEvidence,
  type MetadataField,
  type MetadataSource,
} from '../../../shared/domain';
import { IMPORT_EXTENSIONS } from '../../../shared/import-files';
import { errorMessage, useDossier } from '../../store/index';
import type { MetadataChangesInput } from '../../store/document';
import { PartialDateField } from '../../components/PartialDateField';
import {
  inferReferenceType,
  REFERENCE_TYPE_LABELS,
  REFERENCE_TYPES,
  type ReferenceType,
} from '../../../shared/csl';
import { FilterSelect } from '../claims/ClaimFilters';
import { ReferencePreview } from './ReferencePreview';

const SOURCE_LABELS: Record<MetadataSource, string> = {
  'meta-tag': 'meta tag',
  'json-ld': 'structured data',
  html: 'page markup',
  byline: 'byline',
  headline: 'headline',
  'source-line': 'source line',
  'outlet-line': 'outlet line',
  dateline: 'dateline',
  text: 'text',
  'pdf-info': 'PDF properties',
  'docx-properties': 'Word properties',
  detected: 'detected',
  user: 'entered by you',
};

const MEDIA_TYPE_LABELS: Record<string, string> = {
  'text/plain': 'Plain text',
  'text/markdown': 'Markdown',
  'text/html': 'Web page (HTML)',
  'multipart/related': 'Web archive (MHTML)',
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
};

/** Where a value came from: a small badge whose tooltip quotes what exactly was read. */
export function EvidenceBadge({ field, evidence }: { field: string; evidence: FieldEvidence | undefined }) {
  if (!evidence) return <span className="evidence evidence-none">not stated</span>;
  return (
    <TooltipTrigger delay={300}>
      <Button className="evidence" aria-label={`${field}: from ${SOURCE_LABELS[evidence.source]}`}>
        {SOURCE_LABELS[evidence.source]}
      </Button>
      <Tooltip className="tooltip" placement="top">
        From {SOURCE_LABELS[evidence.source]}: {evidence.detail}
      </Tooltip>
    </TooltipTrigger>
  );
}

interface FormState {
  title: string;
  outlet: string;
  authors: string;
  url: string;
  language: string;
  published: { value: string | null } | { error: string };
  /** The type chosen to cite it as, or AUTO to infer it from the details. */
  referenceType: string;
}

const AUTO = 'auto';

function initialForm(doc: DocumentDetail): FormState {
  return {
    title: doc.title ?? '',
    outlet: doc.outlet ?? '',
    authors: doc.authors.join('; '),
    url: doc.url ?? '',
    language: doc.language ?? '',
    published: { value: doc.published },
    referenceType: doc.referenceType ?? AUTO,
  };
}

type Errors = Partial<Record<MetadataField, string>>;

/** Only what changed is sent, so an untouched field keeps the importer's evidence. */
function changesOf(doc: DocumentDetail, form: FormState): { changes: MetadataChangesInput; errors: Errors } {
  const errors: Errors = {};
  const changes: MetadataChangesInput = {};
  const text = (v: string) => v.trim() || null;
  if (text(form.title) !== doc.title) changes.title = text(form.title);
  if (text(form.outlet) !== doc.outlet) changes.outlet = text(form.outlet);
  const authors = form.authors
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean);
  if (authors.join('\u0000') !== doc.authors.join('\u0000')) changes.authors = authors;
  const url = text(form.url);
  if (url && !WebUrl.safeParse(url).success) errors.url = 'A URL starts with http:// or https://';
  else if (url !== doc.url) changes.url = url;
  const language = text(form.language);
  if (language && !LanguageTag.safeParse(language).success)
    errors.language = 'A language is a tag like en, nl or pt-BR';
  else if (language !== doc.language) changes.language = language;
  if ('error' in form.published) errors.published = form.published.error;
  else if (form.published.value !== doc.published) changes.published = form.published.value;
  if (form.referenceType !== (doc.referenceType ?? AUTO)) {
    changes.referenceType = form.referenceType === AUTO ? null : (form.referenceType as ReferenceType);
  }
  return { changes, errors };
}

function MetadataForm({ doc, onDone }: { doc: DocumentDetail; onDone: () => void }) {
  const updateMetadata = useDossier((s) => s.updateMetadata);
  const [form, setForm] = useState<FormState>(() => initialForm(doc));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const save = async () => {
    const { changes, errors: found } = changesOf(doc, form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(changes).length === 0) return onDone();
    setSaving(true);
    try {
      await updateMetadata(changes);
      onDone();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const field = (name: 'title' | 'outlet' | 'url' | 'language', label: string, hint?: string) => (
    <TextField
      className="form-field"
      value={form[name]}
      onChange={(v) => set({ [name]: v })}
      isInvalid={errors[name] !== undefined}
    >
      <div className="form-label-row">
        <Label>{label}</Label>
        <EvidenceBadge field={label} evidence={doc.evidence[name]} />
      </div>
      <Input />
      {hint && <Text slot="description">{hint}</Text>}
      {errors[name] && <span className="field-error">{errors[name]}</span>}
    </TextField>
  );

  return (
    <form
      className="metadata-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {field('title', 'Title')}
      {field('outlet', 'Outlet')}
      <TextField className="form-field" value={form.authors} onChange={(authors) => set({ authors })}>
        <div className="form-label-row">
          <Label>Authors</Label>
          <EvidenceBadge field="Authors" evidence={doc.evidence.authors} />
        </div>
        <Input />
        <Text slot="description">Separate several authors with “;”.</Text>
      </TextField>
      {field('url', 'URL')}
      <div className="form-field">
        <div className="form-label-row">
          <span className="label-like">Published</span>
          <EvidenceBadge field="Published" evidence={doc.evidence.published} />
        </div>
        <PartialDateField
          label="Published"
          value={doc.published}
          onChange={(published) => set({ published })}
        />
        {errors.published && <span className="field-error">{errors.published}</span>}
      </div>
      {field('language', 'Language', 'A language tag: en, nl, es, pt-BR…')}
      <FilterSelect
        label="Cite as"
        options={[
          { id: AUTO, label: `From its details (${REFERENCE_TYPE_LABELS[inferReferenceType(doc)]})` },
          ...REFERENCE_TYPES.map((t) => ({ id: t, label: REFERENCE_TYPE_LABELS[t] })),
        ]}
        selected={form.referenceType}
        onChange={(referenceType) => set({ referenceType })}
      />
      {failure && (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      )}
      <div className="dialog-buttons">
        <Button className="secondary-button" onPress={onDone}>
          Cancel
        </Button>
        <Button className="primary-button" type="submit" isDisabled={saving}>
          Save details
        </Button>
      </div>
    </form>
  );
}

function FileRecord({ doc }: { doc: DocumentDetail }) {
  const reimportDocument = useDossier((s) => s.reimportDocument);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="file-record" aria-labelledby="file-record-title">
      <h3 id="file-record-title">Original file</h3>
      <dl>
        <dt>File</dt>
        <dd>{doc.fileName}</dd>
        <dt>Kind</dt>
        <dd>{MEDIA_TYPE_LABELS[doc.mediaType] ?? doc.mediaType}</dd>
        <dt>Size</dt>
        <dd>{doc.originalSize.toLocaleString()} bytes</dd>
        <dt>SHA-256</dt>
        <dd className="hash" data-testid="original-sha256">
          {doc.originalSha256}
        </dd>
        <dt>Imported</dt>
        <dd>
          <time dateTime={doc.importedAt}>{new Date(doc.importedAt).toLocaleString()}</time>
        </dd>
      </dl>
      <Button className="secondary-button" onPress={() => input.current?.click()}>
        Replace with a corrected file…
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept={IMPORT_EXTENSIONS.join(',')}
        data-testid="reimport-file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void reimportDocument(file);
        }}
      />
    </section>
  );
}

export function DocumentDetailsButton({ doc }: { doc: DocumentDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button className="secondary-button small" onPress={() => setOpen(true)}>
        Details…
      </Button>
      <Modal isDismissable isOpen={open} onOpenChange={setOpen} className="modal">
        <Dialog className="dialog details-dialog">
          <Heading slot="title">Document details</Heading>
          <MetadataForm key={doc.updatedAt} doc={doc} onDone={() => setOpen(false)} />
          <ReferencePreview doc={doc} />
          <FileRecord doc={doc} />
        </Dialog>
      </Modal>
    </>
  );
}
