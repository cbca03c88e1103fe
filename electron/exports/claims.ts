// Claims out (issue 7): a CSV table a spreadsheet opens (one row per claim, with its passages, sources, events
// and status), and schema.org ClaimReview JSON-LD for the claims with a verdict, the markup fact-checkers
// publish and search engines read.
import { CLAIM_STATUS_LABELS, type Claim, type ClaimStatus } from '../../shared/annotations';
import { formatPartialDate } from '../../shared/dates';
import type { ExportLookups } from './lookups';

// ---------------------------------------------------------------------------------------------------------
// CSV

const CSV_COLUMNS = [
  'id',
  'statement',
  'claimant',
  'claim_date',
  'status',
  'rationale',
  'note',
  'tags',
  'passages',
  'sources',
  'events',
  'created_at',
  'updated_at',
] as const;

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. Text that a
 * spreadsheet would run as a formula (= + - @ at the start, or a tab or carriage return) is prefixed with an
 * apostrophe: claims quote untrusted documents, and "=HYPERLINK(...)" must stay text (OWASP CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Several values in one cell, one per line (a spreadsheet shows them stacked). */
const cell = (values: readonly string[]) => values.join('\n');

/** One row per claim, CRLF between rows, a byte order mark so spreadsheets read it as UTF-8. */
export function claimsCsv(claims: readonly Claim[], lookups: ExportLookups): string {
  const rows = claims.map((claim) => {
    const sources = [...new Set(claim.passages.map((p) => p.documentId))].map((id) => {
      const doc = lookups.document(id);
      const title = doc?.title ?? doc?.fileName ?? id;
      return [title, doc?.outlet, formatPartialDate(doc?.published)].filter(Boolean).join(', ');
    });
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: claim.id,
      statement: claim.statement,
      claimant: lookups.entity(claim.claimantId)?.name ?? '',
      claim_date: claim.claimDate ?? '',
      status: claim.status,
      rationale: claim.rationale,
      note: claim.note,
      tags: cell(claim.tagIds.map(lookups.tagPath)),
      passages: cell(claim.passages.map((p) => `“${p.quote}”${p.page ? ` (p. ${p.page})` : ''}`)),
      sources: cell(sources),
      events: cell(
        claim.eventLinks.map((l) => `${l.relation}: ${lookups.event(l.eventId)?.title ?? l.eventId}`),
      ),
      created_at: claim.createdAt,
      updated_at: claim.updatedAt,
    };
    return CSV_COLUMNS.map((c) => csvField(values[c])).join(',');
  });
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------
// ClaimReview

/** The verdicts a ClaimReview can carry, as the rating's name; unverified claims have none. */
const VERDICTS: Partial<Record<ClaimStatus, { name: string; value: number }>> = {
  refuted: { name: 'False', value: 1 },
  disputed: { name: 'Disputed', value: 2 },
  unclear: { name: 'Unproven', value: 3 },
  supported: { name: 'True', value: 5 },
};

/** A partial date as schema.org takes it (ISO 8601 at its precision); none without a year. */
function isoDate(value: string | null | undefined): string | undefined {
  const m = /^~?(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/.exec(value ?? '');
  return m ? m[1] : undefined;
}

/**
 * ClaimReview JSON-LD for every claim with a verdict: what was claimed (claimReviewed), by whom and when, where
 * it appeared (each source document), and the rating with its plain name (reviewRating.alternateName).
 */
export function claimReviews(
  claims: readonly Claim[],
  lookups: ExportLookups,
  reviewer: { name: string },
): object {
  const reviews = claims.flatMap((claim) => {
    const verdict = VERDICTS[claim.status];
    if (!verdict) return [];
    const claimant = lookups.entity(claim.claimantId);
    const appearance = [...new Set(claim.passages.map((p) => p.documentId))].flatMap((id) => {
      const doc = lookups.document(id);
      if (!doc) return [];
      return [
        {
          '@type': doc.outlet ? 'NewsArticle' : 'CreativeWork',
          ...(doc.title ? { headline: doc.title } : { name: doc.fileName }),
          ...(doc.url ? { url: doc.url } : {}),
          ...(isoDate(doc.published) ? { datePublished: isoDate(doc.published) } : {}),
          ...(doc.outlet ? { publisher: { '@type': 'Organization', name: doc.outlet } } : {}),
          ...(doc.language ? { inLanguage: doc.language } : {}),
        },
      ];
    });
    return [
      {
        '@type': 'ClaimReview',
        identifier: claim.id,
        claimReviewed: claim.statement,
        datePublished: claim.updatedAt.slice(0, 10),
        author: { '@type': 'Organization', name: reviewer.name },
        ...(claim.rationale ? { reviewBody: claim.rationale } : {}),
        itemReviewed: {
          '@type': 'Claim',
          ...(claimant
            ? {
                author: {
                  '@type': claimant.kind === 'person' ? 'Person' : 'Organization',
                  name: claimant.name,
                  ...(claimant.aliases.length > 0 ? { alternateName: claimant.aliases } : {}),
                },
              }
            : {}),
          ...(isoDate(claim.claimDate) ? { datePublished: isoDate(claim.claimDate) } : {}),
          ...(appearance.length > 0 ? { appearance } : {}),
        },
        reviewRating: {
          '@type': 'Rating',
          ratingValue: verdict.value,
          bestRating: 5,
          worstRating: 1,
          alternateName: verdict.name,
          description: CLAIM_STATUS_LABELS[claim.status],
        },
      },
    ];
  });
  return { '@context': 'https://schema.org', '@graph': reviews };
}
