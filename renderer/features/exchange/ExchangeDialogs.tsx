// The exchange dialogs (issue 8), opened from the project menu: export the project as a .dossier or .qdpx
// file; merge a teammate's file (read with progress, a preview of what would change, then a report); open a
// file as a new project. One modal shows whichever is open; its steps come from the store (exchange.ts).
// The dialog is keyed by step, so each step takes the focus afresh and Escape always reaches it: Escape
// cancels (a running job, a preview not merged).
import { useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  Heading,
  Input,
  Label,
  Modal,
  Radio,
  RadioGroup,
  TextField,
} from 'react-aria-components';
import type { ExchangeFormat, MergePlanSummary, MergeReport } from '../../../shared/contract-exchange';
import { displayTitle } from '../../../shared/domain';
import type { ExchangeDialog, ExportChoice, MergeState, OpenFileState } from '../../store/exchange';
import { plural } from '../../store/exchange';
import { useDossier } from '../../store/index';
import { CountsTable, JobProgressBar, fieldList, formatTimestamp } from './parts';
import './exchange.css';

function stepKey(dialog: ExchangeDialog, running: boolean): string {
  switch (dialog.kind) {
    case 'export':
      return running ? 'export-running' : 'export';
    case 'merge':
      return `merge-${dialog.merge.step}`;
    case 'openAsProject':
      return `open-${dialog.open.step}`;
  }
}

export function ExchangeDialogs() {
  const dialog = useDossier((s) => s.exchangeDialog);
  const running = useDossier((s) => s.exchangeJob !== null);
  const close = useDossier((s) => s.closeExchangeDialog);
  // The export's choices outlive the dialog: exporting again starts from the last ones.
  const [choice, setChoice] = useState<ExportChoice>({ format: 'dossier', query: '', originals: true });
  const applying = dialog?.kind === 'merge' && dialog.merge.step === 'preview' && dialog.merge.applying;
  return (
    <Modal
      isOpen={dialog !== null}
      onOpenChange={(open) => !open && close()}
      isDismissable={!applying}
      isKeyboardDismissDisabled={applying}
      className="modal"
    >
      {dialog && (
        <Dialog key={stepKey(dialog, running)} className="dialog exchange-dialog">
          {dialog.kind === 'export' && <ExportPanel choice={choice} onChange={setChoice} />}
          {dialog.kind === 'merge' && <MergePanel merge={dialog.merge} />}
          {dialog.kind === 'openAsProject' && <OpenAsProjectPanel open={dialog.open} />}
        </Dialog>
      )}
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Export

const FORMATS: { id: ExchangeFormat; label: string; detail: string }[] = [
  {
    id: 'dossier',
    label: 'Dossier project (.dossier)',
    detail: 'Everything, to merge with a teammate’s project or open as a project',
  },
  { id: 'qdpx', label: 'REFI-QDA (.qdpx)', detail: 'For NVivo, ATLAS.ti, MAXQDA, QualCoder' },
];

function ExportPanel({ choice, onChange }: { choice: ExportChoice; onChange(choice: ExportChoice): void }) {
  const dialog = useDossier((s) => s.exchangeDialog);
  const running = useDossier((s) => s.exchangeJob?.kind === 'export');
  const exportProject = useDossier((s) => s.exportProject);
  const close = useDossier((s) => s.closeExchangeDialog);
  const message = dialog?.kind === 'export' ? dialog.message : null;
  const change = (changes: Partial<ExportChoice>) => onChange({ ...choice, ...changes });

  if (running) {
    return (
      <>
        <Heading slot="title">Exporting the project</Heading>
        <JobProgressBar label="Exporting" />
      </>
    );
  }
  return (
    <form
      className="exchange-form"
      onSubmit={(e) => {
        e.preventDefault();
        void exportProject(choice);
      }}
    >
      <Heading slot="title">Export project</Heading>
      <RadioGroup
        className="exchange-radios"
        value={choice.format}
        onChange={(format) => change({ format: format as ExchangeFormat })}
      >
        <Label className="label-like">Format</Label>
        {FORMATS.map((f) => (
          <Radio key={f.id} value={f.id} className="exchange-radio">
            {({ isSelected }) => (
              <>
                <span className="radio-dot" aria-hidden="true" data-selected={isSelected || undefined} />
                <span>
                  <span className="exchange-radio-label">{f.label}</span>
                  <span className="exchange-radio-detail">{f.detail}</span>
                </span>
              </>
            )}
          </Radio>
        ))}
      </RadioGroup>
      <TextField className="exchange-scope" value={choice.query} onChange={(query) => change({ query })}>
        <Label>Only what this search finds</Label>
        <Input placeholder="The whole project (or a search: tag:arms, date:2022, outlet:tass…)" />
      </TextField>
      {choice.format === 'dossier' && (
        <Checkbox
          className="checkbox"
          isSelected={choice.originals}
          onChange={(originals) => change({ originals })}
        >
          {({ isSelected }) => (
            <>
              <span className="checkbox-box" aria-hidden="true">
                {isSelected ? '✓' : ''}
              </span>
              Include the imported files
            </>
          )}
        </Checkbox>
      )}
      {choice.format === 'dossier' && (
        <p className="hint exchange-hint">
          The PDFs, web pages and other files as they were imported. Without them the file is smaller; the
          text of every document travels either way.
        </p>
      )}
      {message && (
        <p
          className={message.tone === 'error' ? 'form-failure' : 'hint'}
          role={message.tone === 'error' ? 'alert' : 'status'}
        >
          {message.message}
        </p>
      )}
      <div className="dialog-buttons">
        <Button className="secondary-button" onPress={close}>
          Cancel
        </Button>
        <Button className="primary-button" type="submit">
          Export
        </Button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Merge

function MergePanel({ merge }: { merge: MergeState }) {
  const close = useDossier((s) => s.closeExchangeDialog);
  switch (merge.step) {
    case 'reading':
      return (
        <>
          <Heading slot="title">
            {merge.fileName ? `Merge “${merge.fileName}”` : 'Merge a project file'}
          </Heading>
          <JobProgressBar label={merge.fileName ? `Reading “${merge.fileName}”` : 'Reading the file'} />
        </>
      );
    case 'failed':
      return (
        <>
          <Heading slot="title">
            {merge.fileName ? `Could not merge “${merge.fileName}”` : 'Could not merge the file'}
          </Heading>
          <p className="form-failure" role="alert">
            {merge.message}
          </p>
          <p className="hint">Nothing was changed in this project.</p>
          <div className="dialog-buttons">
            <Button className="primary-button" onPress={close}>
              Close
            </Button>
          </div>
        </>
      );
    case 'preview':
      return <MergePreview merge={merge} />;
    case 'merged':
      return <MergeDone report={merge.report} />;
  }
}

function fromLine(file: MergePlanSummary['file']): string {
  const kind = file.format === 'qdpx' ? 'a REFI-QDA project (.qdpx)' : 'a Dossier project file';
  return `From “${file.projectName}”, exported ${formatTimestamp(file.exportedAt)}: ${kind}.`;
}

function MergePreview({ merge }: { merge: Extract<MergeState, { step: 'preview' }> }) {
  const close = useDossier((s) => s.closeExchangeDialog);
  const applyMerge = useDossier((s) => s.applyMerge);
  const { summary } = merge;
  // Tag unifications the user declined (by survivor id): those tags stay apart.
  const [apart, setApart] = useState<ReadonlySet<string>>(new Set());
  const conflicts = summary.conflicts.length;
  // A conflict where this project's version is the later one changes no row, but merging records the
  // teammate's version so that it can be taken instead: that is still something to merge.
  const nothing = summary.changes === 0 && conflicts === 0;
  return (
    <form
      className="exchange-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!nothing) void applyMerge([...apart]);
      }}
    >
      <Heading slot="title">Merge “{summary.file.name}”</Heading>
      <p className="exchange-from">{fromLine(summary.file)}</p>
      {nothing ? (
        <p className="exchange-lead" role="status">
          Nothing to merge: this project already has everything in the file.
        </p>
      ) : (
        <>
          <p className="exchange-lead" role="status">
            {summary.changes === 0
              ? `Merging would change nothing here, but ${plural(conflicts, 'row was', 'rows were')} changed on both sides (${plural(conflicts, 'conflict', 'conflicts')}): yours ${conflicts === 1 ? 'is' : 'are'} the later and ${conflicts === 1 ? 'is' : 'are'} kept, and merging records the teammate's version so you can use it instead.`
              : `Merging would make ${plural(summary.changes, 'change', 'changes')}${
                  conflicts > 0 ? `, with ${plural(conflicts, 'conflict', 'conflicts')}` : ''
                }. Nothing changes until you merge.`}
          </p>
          <div className="exchange-scroll">
            <CountsTable counts={summary.counts} past={false} />
            <DocumentMatches matches={summary.documentMatches} past={false} />
            {summary.tagUnifications.length > 0 && (
              <section className="exchange-section" aria-labelledby="merge-tags">
                <h3 id="merge-tags">Tags with the same name ({summary.tagUnifications.length})</h3>
                <p className="hint">
                  Checked: one tag with the uses of both. Unchecked: both stay, the file’s named after its
                  project (“{summary.tagUnifications[0]!.path.split('/').pop()?.trim()} (
                  {summary.file.projectName})”).
                </p>
                <ul className="exchange-list">
                  {summary.tagUnifications.map((u) => (
                    <li key={u.survivor}>
                      <Checkbox
                        className="checkbox"
                        aria-label={`Make one tag of “${u.path}”`}
                        isSelected={!apart.has(u.survivor)}
                        onChange={(one) =>
                          setApart((old) => {
                            const next = new Set(old);
                            if (one) next.delete(u.survivor);
                            else next.add(u.survivor);
                            return next;
                          })
                        }
                      >
                        {({ isSelected }) => (
                          <>
                            <span className="checkbox-box" aria-hidden="true">
                              {isSelected ? '✓' : ''}
                            </span>
                            <span>
                              Make one tag: <strong>{u.path}</strong>
                            </span>
                          </>
                        )}
                      </Checkbox>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {conflicts > 0 && (
              <section className="exchange-section" aria-labelledby="merge-conflicts">
                <h3 id="merge-conflicts">{plural(conflicts, 'conflict', 'conflicts')}</h3>
                <p className="hint">
                  Changed here and in the file since they were last exchanged. The later change is kept; you
                  can take the other version afterwards, in the Conflicts view.
                </p>
                <ul className="exchange-list">
                  {summary.conflicts.map((c) => (
                    <li key={`${c.table}:${c.key}`}>
                      <strong>{c.label}</strong>: changed on both sides ({fieldList(c.fields)}). Keeping{' '}
                      {c.kept === 'ours' ? 'this project’s version' : 'the file’s version'}: the later change.
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        </>
      )}
      <Unsupported items={summary.unsupported} />
      {merge.problem && (
        <p className="form-failure" role="alert">
          {merge.problem}
        </p>
      )}
      {merge.applying && (
        <p className="hint" role="status">
          Merging…
        </p>
      )}
      <div className="dialog-buttons">
        <Button className="secondary-button" isDisabled={merge.applying} onPress={close}>
          {nothing ? 'Close' : 'Cancel'}
        </Button>
        {!nothing && (
          <Button className="primary-button" type="submit" isDisabled={merge.applying}>
            Merge
          </Button>
        )}
      </div>
    </form>
  );
}

function DocumentMatches({ matches, past }: { matches: MergePlanSummary['documentMatches']; past: boolean }) {
  const documents = useDossier((s) => s.documents);
  if (matches.length === 0) return null;
  // A document without a title goes by its file name, as in the library: this project's copy has one.
  const titleOf = (m: MergePlanSummary['documentMatches'][number]) => {
    if (m.title) return m.title;
    const ids = new Set([m.survivor, ...m.merged]);
    const local = documents.find((d) => ids.has(d.id));
    return local ? displayTitle(local) : 'Untitled document';
  };
  return (
    <section className="exchange-section" aria-labelledby="merge-matches">
      <h3 id="merge-matches">Same article imported on both sides ({matches.length})</h3>
      <p className="hint">
        {past
          ? 'Each is now one document, with the passages and claims of both.'
          : 'Each becomes one document, with the passages and claims of both.'}
      </p>
      <ul className="exchange-list">
        {matches.map((m) => (
          <li key={m.survivor}>{titleOf(m)}</li>
        ))}
      </ul>
    </section>
  );
}

function Unsupported({ items }: { items: MergePlanSummary['unsupported'] }) {
  if (items.length === 0) return null;
  return (
    <section className="exchange-section" aria-labelledby="merge-unsupported">
      <h3 id="merge-unsupported">Not imported ({items.length})</h3>
      <p className="hint">What the file holds that Dossier cannot represent.</p>
      <ul className="exchange-list">
        {items.map((u, i) => (
          <li key={i}>
            <strong>{u.name}</strong> ({u.kind}): {u.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MergeDone({ report }: { report: MergeReport }) {
  const close = useDossier((s) => s.closeExchangeDialog);
  const setView = useDossier((s) => s.setView);
  const conflicts = report.conflicts.length;
  const { moved, orphaned } = report.reanchored;
  return (
    <div className="exchange-form">
      <Heading slot="title">Merged “{report.file.name}”</Heading>
      <p className="exchange-lead" role="status">
        {report.changes === 0 && conflicts === 0
          ? 'Nothing was merged: this project already had everything in the file.'
          : report.changes === 0
            ? `Nothing here changed; ${plural(conflicts, 'conflict', 'conflicts')} kept your later version, and the teammate's is recorded.`
            : `Merged ${plural(report.changes, 'change', 'changes')} from “${report.file.projectName}”${
                conflicts > 0 ? `, with ${plural(conflicts, 'conflict', 'conflicts')}` : ''
              }.`}
      </p>
      <div className="exchange-scroll">
        <CountsTable counts={report.counts} past />
        <DocumentMatches matches={report.documentMatches} past />
        {(moved > 0 || orphaned > 0) && (
          <p>
            {moved > 0 && `${plural(moved, 'passage', 'passages')} moved with their words in changed texts. `}
            {orphaned > 0 &&
              `${plural(orphaned, 'passage', 'passages')} lost ${orphaned === 1 ? 'its' : 'their'} words; re-attach them in the Orphans view.`}
          </p>
        )}
        {conflicts > 0 && (
          <p>
            {conflicts === 1 ? 'One row was' : `${conflicts} rows were`} changed on both sides: the later
            change was kept. Review {conflicts === 1 ? 'it' : 'them'} to take the other version instead.
          </p>
        )}
      </div>
      <Unsupported items={report.unsupported} />
      <div className="dialog-buttons">
        {conflicts > 0 && (
          <Button
            className="secondary-button"
            onPress={() => {
              setView('conflicts');
              close();
            }}
          >
            Review conflicts
          </Button>
        )}
        <Button className="primary-button" onPress={close}>
          Done
        </Button>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Open a file as a new project

/** Beside the current project: the file's name with the project extension. */
function suggestedPath(projectPath: string | undefined, fileName: string): string {
  const base = fileName.replace(/\.(dossier|qdpx)$/i, '') || 'Project';
  if (!projectPath) return `${base}.sqlite`;
  const cut = Math.max(projectPath.lastIndexOf('/'), projectPath.lastIndexOf('\\'));
  return `${projectPath.slice(0, cut + 1)}${base}.sqlite`;
}

function OpenAsProjectPanel({ open }: { open: OpenFileState }) {
  const projectPath = useDossier((s) => s.appInfo?.project.path);
  const openFileAsProject = useDossier((s) => s.openFileAsProject);
  const close = useDossier((s) => s.closeExchangeDialog);
  const [path, setPath] = useState(() =>
    open.step === 'choosing' ? suggestedPath(projectPath, open.file.name) : '',
  );
  if (open.step === 'running') {
    return (
      <>
        <Heading slot="title">
          {open.fileName
            ? `Open “${open.fileName}” as a new project`
            : 'Open a project file as a new project'}
        </Heading>
        <JobProgressBar label={open.fileName ? `Reading “${open.fileName}”` : 'Reading the file'} />
      </>
    );
  }
  return (
    <form
      className="exchange-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) void openFileAsProject(open.file, path.trim());
      }}
    >
      <Heading slot="title">Open “{open.file.name}” as a new project</Heading>
      <p className="hint">
        A new project file is made from it, and Dossier switches to it. This project stays as it is.
      </p>
      <TextField value={path} onChange={setPath} autoFocus isRequired>
        <Label>New project file path</Label>
        <Input placeholder="/home/me/research/shared.sqlite" />
      </TextField>
      {open.problem && (
        <p className="form-failure" role="alert">
          {open.problem}
        </p>
      )}
      <div className="dialog-buttons">
        <Button className="secondary-button" onPress={close}>
          Cancel
        </Button>
        <Button className="primary-button" type="submit">
          Open as new project
        </Button>
      </div>
    </form>
  );
}
