// Exports of what the researcher made, beside the references (services/citations.ts): highlights as W3C Web
// Annotations, claims as CSV and schema.org ClaimReview, the timeline as TimelineJS JSON. A scope query narrows
// each to what it finds: the highlights of the documents it names, the claims it finds, the events it finds.
import type { OpParsedInput } from '../../shared/contract';
import type { ExportResult } from '../../shared/contract-citations';
import { DossierError } from '../../shared/errors';
import { claimReviews, claimsCsv } from '../exports/claims';
import { exportLookups } from '../exports/lookups';
import { timelineJson } from '../exports/timeline';
import { annotationCollection, type AnnotatedHighlight } from '../exports/w3c';
import { listDocumentRows } from '../db/documents';
import { statement } from '../db/statements';
import type { Project } from '../project';
import { APP_VERSION } from '../version';
import { listClaims } from './claims';
import { listTags } from './codebook';
import { listEntities } from './entities';
import { listEvents } from './events';
import { documentsInScope } from './citations';
import { searchProject } from './search';

export type ProjectFormat = 'w3c' | 'claims-csv' | 'claimreview' | 'timeline-json';

/** The ids of one kind a scope query finds: every match, unranked. */
function foundIds(project: Project, scope: string, kind: 'claim' | 'event'): Set<string> {
  const { results } = searchProject(
    project,
    { query: scope, kinds: [kind], limit: 1_000_000, prefixLast: false },
    { exhaustive: true },
  );
  return new Set(results.map((r) => r.id));
}

function projectId(project: Project): string {
  return (project.db.prepare(`SELECT value FROM project WHERE key = 'id'`).pluck().get() as string) ?? '';
}

function highlightsOf(project: Project, documentIds: readonly string[] | undefined): AnnotatedHighlight[] {
  const documents = new Map(listDocumentRows(project.db).map((d) => [d.id, d]));
  const wanted = documentIds ? new Set(documentIds) : null;
  const rows = statement(
    project.db,
    `SELECT h.id, h.document_id, h.pos_start, h.pos_end, h.quote_exact, h.quote_prefix, h.quote_suffix,
       coalesce(h.note, '') AS note, h.created_at, h.updated_at, d.original_sha256, d.text_sha256
     FROM highlights h JOIN documents d ON d.id = h.document_id AND d.deleted_at IS NULL
     WHERE h.deleted_at IS NULL AND h.orphaned_at IS NULL
     ORDER BY d.imported_at, d.id, h.pos_start, h.pos_end, h.id`,
  ).all() as {
    id: string;
    document_id: string;
    pos_start: number;
    pos_end: number;
    quote_exact: string;
    quote_prefix: string;
    quote_suffix: string;
    note: string;
    created_at: string;
    updated_at: string;
    original_sha256: string;
    text_sha256: string;
  }[];
  const tags = statement(
    project.db,
    `SELECT ht.highlight_id, ht.tag_id FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id
     WHERE ht.deleted_at IS NULL AND t.deleted_at IS NULL`,
  ).all() as { highlight_id: string; tag_id: string }[];
  const lookups = exportLookups({
    tags: listTags(project),
    entities: [],
    events: [],
    documents: [],
    claims: [],
  });
  const tagsOf = new Map<string, string[]>();
  for (const t of tags)
    tagsOf.set(t.highlight_id, [...(tagsOf.get(t.highlight_id) ?? []), lookups.tagPath(t.tag_id)]);
  return rows
    .filter((r) => !wanted || wanted.has(r.document_id))
    .map((r) => {
      const doc = documents.get(r.document_id)!;
      return {
        id: r.id,
        start: r.pos_start,
        end: r.pos_end,
        quote: r.quote_exact,
        prefix: r.quote_prefix,
        suffix: r.quote_suffix,
        note: r.note,
        tagPaths: (tagsOf.get(r.id) ?? []).sort(),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        document: {
          id: doc.id,
          title: doc.title,
          url: doc.url,
          mediaType: doc.mediaType,
          language: doc.language,
          sha256: r.original_sha256,
          textSha256: r.text_sha256,
        },
      };
    });
}

export function renderProjectExport(project: Project, input: OpParsedInput<'exports.render'>): ExportResult {
  const scope = input.scope?.trim() || null;
  const base = project.name;
  // A preview writes the first few; the count is of all.
  const first = <T>(list: T[]): T[] => (input.limit ? list.slice(0, input.limit) : list);
  switch (input.format) {
    case 'w3c': {
      const highlights = highlightsOf(project, scope ? documentsInScope(project, scope) : undefined);
      const collection = annotationCollection(first(highlights), {
        id: projectId(project),
        label: `${project.name}: annotations`,
        generator: `Dossier ${APP_VERSION}`,
        textOf: (id) => project.documentContent(id)?.text ?? null,
      });
      return {
        fileName: `${base} annotations.jsonld`,
        mediaType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        content: `${JSON.stringify(collection, null, 2)}\n`,
        encoding: 'utf8',
        count: highlights.length,
      };
    }
    case 'claims-csv':
    case 'claimreview': {
      const inScope = scope ? foundIds(project, scope, 'claim') : null;
      const claims = listClaims(project).filter((c) => !inScope || inScope.has(c.id));
      const lookups = exportLookups({
        tags: listTags(project),
        entities: listEntities(project),
        events: listEvents(project),
        documents: listDocumentRows(project.db),
        claims,
      });
      if (input.format === 'claims-csv') {
        return {
          fileName: `${base} claims.csv`,
          mediaType: 'text/csv; charset=utf-8',
          content: claimsCsv(first(claims), lookups),
          encoding: 'utf8',
          count: claims.length,
        };
      }
      const reviews = claimReviews(claims, lookups, { name: project.name }) as { '@graph': unknown[] };
      const shown = { ...reviews, '@graph': first(reviews['@graph']) };
      return {
        fileName: `${base} ClaimReview.jsonld`,
        mediaType: 'application/ld+json',
        content: `${JSON.stringify(shown, null, 2)}\n`,
        encoding: 'utf8',
        count: reviews['@graph'].length,
      };
    }
    case 'timeline-json': {
      const inScope = scope ? foundIds(project, scope, 'event') : null;
      const events = listEvents(project).filter((e) => !inScope || inScope.has(e.id));
      const claims = listClaims(project);
      const lookups = exportLookups({
        tags: listTags(project),
        entities: listEntities(project),
        events,
        documents: [],
        claims,
      });
      const timeline = timelineJson(events, lookups, project.name) as { events: unknown[] };
      return {
        fileName: `${base} timeline.json`,
        mediaType: 'application/json',
        content: `${JSON.stringify({ ...timeline, events: first(timeline.events) }, null, 2)}\n`,
        encoding: 'utf8',
        count: timeline.events.length,
      };
    }
    default:
      throw new DossierError('invalid_input', `Unknown export format ${input.format}.`);
  }
}
