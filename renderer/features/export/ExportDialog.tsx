// The export dialog (issue 7): choose a format (references, a formatted bibliography, annotations, claims or
// the timeline), a style and language where the format has them, and a scope (a search query, or a saved
// search); a live preview of the first entries and how many there are; Save writes the whole file. The main
// side renders it (exports.render), so the dialog shows exactly what will be saved.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogTrigger,
  Heading,
  Input,
  Label,
  Modal,
  TextField,
} from 'react-aria-components';
import {
  CITATION_LOCALES,
  MAX_STYLE_CHARS,
  type CitationStyle,
  type ExportFormat,
  type ExportResult,
} from '../../../shared/contract-citations';
import { api } from '../../api';
import { errorMessage, useDossier } from '../../store/index';
import { FilterSelect, type Option } from '../claims/ClaimFilters';
import { saveBlob } from '../timeline/exportTimeline';
import './export.css';

const FORMATS: { id: ExportFormat; label: string; counts: [string, string] }[] = [
  { id: 'bibliography', label: 'Bibliography (formatted in a style)', counts: ['reference', 'references'] },
  { id: 'csl-json', label: 'CSL-JSON (Zotero, pandoc)', counts: ['reference', 'references'] },
  { id: 'biblatex', label: 'BibLaTeX (.bib)', counts: ['reference', 'references'] },
  { id: 'bibtex', label: 'BibTeX (.bib)', counts: ['reference', 'references'] },
  { id: 'ris', label: 'RIS (EndNote, Mendeley)', counts: ['reference', 'references'] },
  { id: 'w3c', label: 'Annotations (W3C Web Annotation)', counts: ['annotation', 'annotations'] },
  { id: 'claims-csv', label: 'Claims (CSV)', counts: ['claim', 'claims'] },
  {
    id: 'claimreview',
    label: 'Claim reviews (schema.org ClaimReview)',
    counts: ['reviewed claim', 'reviewed claims'],
  },
  { id: 'timeline-json', label: 'Timeline (TimelineJS)', counts: ['event', 'events'] },
  { id: 'report-docx', label: 'Evidence report (Word, DOCX)', counts: ['claim', 'claims'] },
  { id: 'report-html', label: 'Evidence report (web page)', counts: ['claim', 'claims'] },
  { id: 'report-md', label: 'Evidence report (Markdown)', counts: ['claim', 'claims'] },
];
/** Formats written in a citation style (and language). */
const STYLED = new Set<ExportFormat>(['bibliography', 'report-docx', 'report-html', 'report-md']);
const REPORTS = new Set<ExportFormat>(['report-docx', 'report-html', 'report-md']);
const OUTPUTS: Option[] = [
  { id: 'text', label: 'Plain text' },
  { id: 'html', label: 'Web page (HTML)' },
  { id: 'rtf', label: 'Word processor (RTF)' },
];
/** No language chosen: the style's own (Cite Them Right writes British English), else US English. */
const STYLE_LOCALE = 'style';
const LOCALES: Option[] = [
  { id: STYLE_LOCALE, label: 'The style’s own' },
  ...CITATION_LOCALES.map((l) => ({ id: l.tag, label: l.label })),
];
/** Entries the preview renders. */
const PREVIEW_ITEMS = 5;
const PREVIEW_DELAY_MS = 250;

export function ExportButton() {
  return (
    <DialogTrigger>
      <Button className="secondary-button">Export…</Button>
      <Modal isDismissable className="modal">
        <Dialog className="dialog export-dialog">{({ close }) => <ExportPanel onClose={close} />}</Dialog>
      </Modal>
    </DialogTrigger>
  );
}

interface Choice {
  format: ExportFormat;
  style: string;
  locale: string;
  output: 'text' | 'html' | 'rtf';
  scope: string;
  includeNotes: boolean;
}

type Preview = { choice: Choice; result: ExportResult } | { choice: Choice; error: string };

function request(choice: Choice, limit?: number) {
  // A DOCX file cannot be shown: its preview is the same report in Markdown.
  const format = limit && choice.format === 'report-docx' ? 'report-md' : choice.format;
  return {
    format,
    ...(STYLED.has(choice.format) ? { style: choice.style } : {}),
    ...(STYLED.has(choice.format) && choice.locale !== STYLE_LOCALE ? { locale: choice.locale } : {}),
    ...(choice.format === 'bibliography' ? { output: choice.output } : {}),
    ...(REPORTS.has(choice.format) ? { includeNotes: choice.includeNotes } : {}),
    ...(choice.scope.trim() ? { scope: choice.scope.trim() } : {}),
    ...(limit ? { limit } : {}),
  };
}

function ExportPanel({ onClose }: { onClose(): void }) {
  const saved = useDossier((s) => s.savedSearches);
  const [styles, setStyles] = useState<CitationStyle[]>([]);
  const citationStyle = useDossier((s) => s.citationStyle);
  const setCitationStyle = useDossier((s) => s.setCitationStyle);
  const [choice, setChoice] = useState<Choice>({
    format: 'bibliography',
    style: citationStyle.style,
    locale: citationStyle.locale ?? STYLE_LOCALE,
    output: 'text',
    scope: '',
    includeNotes: true,
  });
  const [preview, setPreview] = useState<Preview | null>(null);
  const styleFile = useRef<HTMLInputElement>(null);
  const [styleProblem, setStyleProblem] = useState<string | null>(null);
  /** A user's .csl file: checked by the main side, then listed and chosen. */
  const addStyle = async (file: File) => {
    setStyleProblem(null);
    try {
      if (file.size > MAX_STYLE_CHARS) throw new Error(`${file.name} is too large to be a CSL style.`);
      const added = await api['citations.addStyle']({ fileName: file.name, xml: await file.text() });
      setStyles(await api['citations.styles']({}));
      change({ style: added.id });
    } catch (error) {
      setStyleProblem(`${file.name}: ${errorMessage(error)}`);
    }
  };
  const [saving, setSaving] = useState<string | null>(null);
  const change = (changes: Partial<Choice>) => {
    const next = { ...choice, ...changes };
    setChoice(next);
    // The style and language chosen here are also those of Copy citation.
    if (changes.style !== undefined || changes.locale !== undefined) {
      setCitationStyle({ style: next.style, locale: next.locale === STYLE_LOCALE ? null : next.locale });
    }
  };

  useEffect(() => {
    let live = true;
    api['citations.styles']({}).then(
      (list) => live && setStyles(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  // The preview follows the choices, a moment after the last change; only the answer to the latest counts.
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      api['exports.render'](request(choice, PREVIEW_ITEMS)).then(
        (result) => live && setPreview({ choice, result }),
        (error: unknown) => live && setPreview({ choice, error: errorMessage(error) }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [choice]);

  const format = FORMATS.find((f) => f.id === choice.format)!;
  const current = preview?.choice === choice ? preview : null;
  const styleOptions = useMemo(
    () => styles.map((s) => ({ id: s.id, label: s.bundled ? s.title : `${s.title} (added)` })),
    [styles],
  );

  const save = async () => {
    setSaving('Preparing the file…');
    try {
      const result = await api['exports.render'](request(choice));
      const content =
        result.encoding === 'base64'
          ? Uint8Array.from(atob(result.content), (c) => c.charCodeAt(0))
          : result.content;
      saveBlob(new Blob([content], { type: result.mediaType }), result.fileName);
      setSaving(null);
      onClose();
    } catch (error) {
      setSaving(errorMessage(error));
    }
  };

  return (
    <div className="export-panel">
      <Heading slot="title">Export</Heading>
      <div className="export-options">
        <FilterSelect
          label="Format"
          options={FORMATS}
          selected={choice.format}
          onChange={(id) => change({ format: id as ExportFormat })}
        />
        {STYLED.has(choice.format) && (
          <>
            <FilterSelect
              label="Style"
              options={styleOptions}
              selected={choice.style}
              onChange={(id) => change({ style: id })}
            />
            <FilterSelect
              label="Language"
              options={LOCALES}
              selected={choice.locale}
              onChange={(id) => change({ locale: id })}
            />
            <Button className="secondary-button" onPress={() => styleFile.current?.click()}>
              Add a style (.csl)…
            </Button>
            <input
              ref={styleFile}
              type="file"
              hidden
              accept=".csl,application/vnd.citationstyles.style+xml"
              data-testid="style-file-input"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void addStyle(file);
              }}
            />
          </>
        )}
        {styleProblem && (
          <p className="form-failure" role="alert">
            {styleProblem}
          </p>
        )}
        {REPORTS.has(choice.format) && (
          <Checkbox
            className="checkbox"
            isSelected={choice.includeNotes}
            onChange={(includeNotes) => change({ includeNotes })}
          >
            {({ isSelected }) => (
              <>
                <span className="checkbox-box" aria-hidden="true">
                  {isSelected ? '✓' : ''}
                </span>
                Include assessments and notes
              </>
            )}
          </Checkbox>
        )}
        {choice.format === 'bibliography' && (
          <>
            <FilterSelect
              label="As"
              options={OUTPUTS}
              selected={choice.output}
              onChange={(id) => change({ output: id as Choice['output'] })}
            />
          </>
        )}
        <TextField className="export-scope" value={choice.scope} onChange={(scope) => change({ scope })}>
          <Label>Only what this search finds</Label>
          <Input placeholder="Everything (or a search: tag:arms, date:2022, outlet:tass…)" />
        </TextField>
        {saved.length > 0 && (
          <FilterSelect
            label="Saved search"
            options={saved.map((s) => ({ id: s.query, label: s.name }))}
            selected={saved.some((s) => s.query === choice.scope) ? choice.scope : null}
            placeholder="Choose one…"
            onChange={(query) => change({ scope: query })}
          />
        )}
      </div>
      <section className="export-preview" aria-label="Preview" aria-busy={current === null}>
        {current === null ? (
          <p className="hint">Preparing the preview…</p>
        ) : 'error' in current ? (
          <p className="form-failure" role="alert">
            {current.error}
          </p>
        ) : (
          <>
            <p className="export-count" role="status">
              {current.result.count === 0
                ? `Nothing to export: no ${format.counts[1]}${choice.scope.trim() ? ' match this search' : ' yet'}.`
                : `${current.result.count.toLocaleString()} ${format.counts[current.result.count === 1 ? 0 : 1]}${
                    current.result.count > PREVIEW_ITEMS ? `; a preview of ${PREVIEW_ITEMS} of them` : ''
                  }`}
            </p>
            <pre className="export-preview-text">{current.result.content}</pre>
          </>
        )}
      </section>
      {saving && (
        <p className="hint" role="status">
          {saving}
        </p>
      )}
      <div className="dialog-buttons">
        <Button className="secondary-button" onPress={onClose}>
          Cancel
        </Button>
        <Button
          className="primary-button"
          isDisabled={
            current === null ||
            'error' in current ||
            current.result.count === 0 ||
            saving === 'Preparing the file…'
          }
          onPress={() => void save()}
        >
          Save…
        </Button>
      </div>
    </div>
  );
}
