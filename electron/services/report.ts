// The evidence report as an export (issue 7): the claims in scope (those a scope query finds, and those linked
// to the events it finds; every claim without one), their events in chronological order, footnotes and the
// bibliography formatted in the chosen style by the citation engine. electron/exports/report.ts builds and
// writes it.
import type { OpParsedInput } from '../../shared/contract';
import type { ExportResult } from '../../shared/contract-citations';
import { nowIso } from '../db/clock';
import { listDocumentRows } from '../db/documents';
import { buildReport, reportDocx, reportHtml, reportMarkdown } from '../exports/report';
import { exportLookups } from '../exports/lookups';
import type { Project } from '../project';
import { forFormatting, loadEngine, referenceItems, styleXml } from './citations';
import { listClaims } from './claims';
import { listTags } from './codebook';
import { listEntities } from './entities';
import { listEvents } from './events';
import { searchProject } from './search';

export const REPORT_FORMATS = ['report-md', 'report-html', 'report-docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export async function renderReport(
  project: Project,
  dataDir: string,
  input: OpParsedInput<'exports.render'>,
  options: { styleXml?: string } = {},
): Promise<ExportResult> {
  const allClaims = listClaims(project);
  const events = listEvents(project);
  let claims = allClaims;
  const scope = input.scope?.trim();
  if (scope) {
    const { results } = searchProject(
      project,
      { query: scope, kinds: ['claim', 'event'], limit: 1_000_000, prefixLast: false },
      { exhaustive: true },
    );
    const claimIds = new Set(results.filter((r) => r.kind === 'claim').map((r) => r.id));
    const eventIds = new Set(results.filter((r) => r.kind === 'event').map((r) => r.id));
    claims = allClaims.filter(
      (c) => claimIds.has(c.id) || c.eventLinks.some((link) => eventIds.has(link.eventId)),
    );
  }
  const count = claims.length;
  if (input.limit) claims = claims.slice(0, input.limit);
  const documentIds = [...new Set(claims.flatMap((c) => c.passages.map((p) => p.documentId)))];
  const items = referenceItems(project, documentIds);
  const { createCiter, parseStyle } = await loadEngine();
  if (options.styleXml !== undefined) parseStyle(options.styleXml);
  const citer = createCiter({
    style: options.styleXml ?? (await styleXml(dataDir, input.style)),
    locale: input.locale,
    items: forFormatting(items),
  });
  const lookups = exportLookups({
    tags: listTags(project),
    entities: listEntities(project),
    events,
    documents: listDocumentRows(project.db),
    claims,
  });
  const report = buildReport({
    title: project.name,
    events,
    claims,
    lookups,
    citer: {
      cite: (id, page) =>
        citer.cite(
          [{ id, ...(page !== null ? { locator: String(page), label: 'page' as const } : {}) }],
          'text',
        ),
    },
    bibliography: items.length > 0 ? citer.bibliography('text') : [],
    includeNotes: input.includeNotes,
    generatedAt: nowIso(),
  });
  const base = `${project.name} evidence report`;
  if (input.format === 'report-docx') {
    const bytes = await reportDocx(report);
    return {
      fileName: `${base}.docx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      content: Buffer.from(bytes).toString('base64'),
      encoding: 'base64',
      count,
    };
  }
  const html = input.format === 'report-html';
  return {
    fileName: `${base}.${html ? 'html' : 'md'}`,
    mediaType: html ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
    content: html ? reportHtml(report) : reportMarkdown(report),
    encoding: 'utf8',
    count,
  };
}
