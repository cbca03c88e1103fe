// The work a fault test's child process does (see worker.ts for what it prints), through the app's own
// services, as the desktop app and the command line do. One module per kind of work, loaded on demand, so a
// child starts with only the code it needs.
import { Project } from '../../../electron/project';
import { createHighlight, updateHighlight } from '../../../electron/services/highlights';
import { applyTag, createTag } from '../../../electron/services/codebook';
import { say } from './say';

type Options = Record<string, unknown>;

function open(options: Options, create = false): Project {
  return Project.open(String(options.project), { create, readOnly: options.readOnly === true });
}

/** A burst of small edits, each its own transaction, acknowledged once committed. */
function edits(options: Options): unknown {
  const project = open(options);
  say('ready');
  const documents = project.db.prepare(`SELECT id, char_count FROM documents`).all() as {
    id: string;
    char_count: number;
  }[];
  const tag = createTag(project, { name: `Burst ${process.pid}`, parentId: null, description: '' });
  say(`ack tag ${tag.id}`);
  const highlights: string[] = [];
  const count = Number(options.count ?? 1_000_000);
  for (let i = 0; i < count; i++) {
    const kind = highlights.length === 0 ? 0 : i % 3;
    if (kind === 0) {
      const doc = documents[i % documents.length]!;
      const start = (i * 7) % Math.max(1, doc.char_count - 20);
      const h = createHighlight(project, {
        documentId: doc.id,
        start,
        end: start + 8,
        color: 'green',
        note: '',
      });
      highlights.push(h.id);
      say(`ack h ${h.id}`);
    } else if (kind === 1) {
      const id = highlights[i % highlights.length]!;
      updateHighlight(project, { id, note: `v${i}` });
      say(`ack n ${id} ${i}`);
    } else {
      const id = highlights[highlights.length - 1]!;
      applyTag(project, { tagId: tag.id, highlightIds: [id], claimIds: [] });
      say(`ack t ${id}`);
    }
  }
  project.close();
  return { highlights: highlights.length };
}

/** One of two writers at once: highlights and tags, each its own transaction. */
function writer(options: Options): unknown {
  const project = open(options);
  say('ready');
  const count = Number(options.count);
  const documents = project.db.prepare(`SELECT id FROM documents ORDER BY id`).pluck().all() as string[];
  for (let i = 0; i < count; i++) {
    const tag = createTag(project, {
      name: `${String(options.label)} ${i}`,
      parentId: null,
      description: '',
    });
    const h = createHighlight(project, {
      documentId: documents[i % documents.length]!,
      start: i % 50,
      end: (i % 50) + 5,
      color: 'blue',
      note: `${String(options.label)} ${i}`,
    });
    applyTag(project, { tagId: tag.id, highlightIds: [h.id], claimIds: [] });
    say(`ack h ${h.id}`);
  }
  project.close();
  return { written: count };
}

export const MODES = { edits, writer };
