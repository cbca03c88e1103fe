// Writes docs/dossier-format.schema.json: the JSON Schema (draft 2020-12) of the .dossier project file,
// generated with zod's z.toJSONSchema from the very schemas that check a file when Dossier reads it
// (electron/exchange/format.ts), so the published schema and the reader cannot disagree. The test
// tests/unit/docs/dossier-format-schema.test.ts fails when the committed file is not what this writes.
//
// Run: npx tsx scripts/dossier-format-schema.ts
//
// The output is deterministic: keywords in a fixed order (properties keep the column order, $defs the table
// order), formatted by Prettier with the repository's settings, so `prettier --check` agrees with it.
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { z } from 'zod';
import {
  BASES_ENTRY,
  FORMAT_NAME,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  Manifest,
  TABLES,
  originalEntry,
  rowsEntry,
  type TableSpec,
} from '../electron/exchange/format';

export const SCHEMA_FILE = fileURLToPath(new URL('../docs/dossier-format.schema.json', import.meta.url));
export const REGENERATE_COMMAND = 'npx tsx scripts/dossier-format-schema.ts';

type JsonSchema = { [keyword: string]: unknown };

/** What a reader checks that JSON Schema cannot say (electron/exchange/read.ts and untrusted-json.ts). */
const BEYOND_SCHEMA = [
  'each line and the manifest are nested at most 64 levels deep and have no key named __proto__, constructor or prototype',
  'every entry but manifest.json is listed in manifest.entries, every listed entry is there, and each entry read has the size and SHA-256 listed',
  'manifest.counts, where it names a table, equals the rows in that table entry',
  'no two rows of a table have the same key',
  'every reference names a row of the file',
  'every document has a document_texts row whose text has char_count UTF-16 code units and a UTF-8 SHA-256 equal to text_sha256',
  'every block, and every mark of a block, has start <= end <= the length of its text',
  'tags form a tree (no tag is inside itself) and only deleted documents, tags and entities are merged into another',
  'every highlight has pos_start < pos_end <= the length of its document text',
  'originals/<id> names a document of the file and its SHA-256 equals that document original_sha256',
];

/** Keywords in this order, then any others alphabetically. */
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  'title',
  'description',
  '$comment',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'propertyNames',
  'properties',
  'required',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  '$defs',
];
/** Keywords whose value maps names to schemas: the names keep their order (column order, table order). */
const NAMED_SCHEMAS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
/** Keywords whose value is data, not a schema: left as they are. */
const DATA = new Set(['const', 'enum', 'default', 'examples', 'required']);

const rank = (keyword: string) => {
  const i = KEYWORD_ORDER.indexOf(keyword);
  return i === -1 ? KEYWORD_ORDER.length : i;
};

/** A schema with its keywords in the fixed order, recursively; only own enumerable keys survive. */
function ordered(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(ordered);
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as JsonSchema;
  const out: JsonSchema = {};
  const keys = Object.keys(source).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const value = source[key];
    if (DATA.has(key)) out[key] = value;
    else if (NAMED_SCHEMAS.has(key) && value !== null && typeof value === 'object') {
      const named: JsonSchema = {};
      for (const [name, sub] of Object.entries(value)) named[name] = ordered(sub);
      out[key] = named;
    } else out[key] = ordered(value);
  }
  return out;
}

const list = (items: readonly string[]) => items.join(', ');

function tableDescription(table: TableSpec): string {
  const refs = Object.entries(table.refs).map(([column, target]) => `${column} -> ${target}`);
  return [
    `One line of ${rowsEntry(table.name)}: a row of ${table.name}, columns in this order.`,
    `Key: ${list(table.key)}${table.key.length > 1 ? ' (together)' : ''}.`,
    refs.length > 0 ? `References (to the key of the table named, inside the same file): ${list(refs)}.` : '',
    table.json.length > 0 ? `Columns written as JSON values: ${list(table.json)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * The JSON Schema of the .dossier format: $defs.manifest for manifest.json and $defs.<table> for each line of
 * rows/<table>.jsonl, converted from format.ts. A zod construct JSON Schema cannot express (a refinement, a
 * transform, a date) does not stop the conversion: the schema there accepts more, says so in a description,
 * and is named in the top-level description.
 */
export function dossierFormatSchema(): JsonSchema {
  const unexpressed: string[] = [];
  const convert = (defName: string, schema: z.ZodType): JsonSchema => {
    const where = (path: (string | number)[]) => ['#', '$defs', defName, ...path].join('/');
    const raw = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      // What a reader accepts: z.object strips unknown keys, so the schema does not forbid them.
      io: 'input',
      reused: 'inline',
      cycles: 'throw',
      unrepresentable: ({ path, message }) => {
        unexpressed.push(`${where(path)} (${message})`);
        return {
          description: `Not expressible in JSON Schema (${message}); Dossier checks it when reading.`,
        };
      },
      override: ({ zodSchema, jsonSchema, path }) => {
        const refined = (zodSchema._zod.def.checks ?? []).some((check) => check._zod.def.check === 'custom');
        if (!refined) return;
        unexpressed.push(`${where(path)} (a refinement)`);
        const note = 'Dossier checks more here than this schema says (a refinement in format.ts).';
        jsonSchema.description = jsonSchema.description ? `${jsonSchema.description} ${note}` : note;
      },
    });
    const { $schema: _schema, ...def } = JSON.parse(JSON.stringify(raw)) as JsonSchema;
    if ('$defs' in def || JSON.stringify(def).includes('"$ref"')) {
      throw new Error(
        `${defName}: z.toJSONSchema produced $defs or $ref (a schema with an id, or reused by reference); ` +
          'this generator inlines every definition and cannot place them.',
      );
    }
    return def;
  };

  const defs: JsonSchema = {
    manifest: {
      title: MANIFEST_ENTRY,
      description:
        `The archive's manifest: format name and version, the project, row counts, and the size and SHA-256 of ` +
        `every other entry. format must be "${FORMAT_NAME}"; a formatVersion of a newer major version is refused.`,
      ...convert('manifest', Manifest),
    },
  };
  for (const table of TABLES) {
    defs[table.name] = {
      title: rowsEntry(table.name),
      description: tableDescription(table),
      ...convert(table.name, table.schema),
    };
  }

  const description = [
    `The Dossier project file (.dossier), format ${FORMAT_VERSION}: a zip archive holding ${MANIFEST_ENTRY},`,
    `${rowsEntry('<table>')} (JSON Lines, one row per line), ${BASES_ENTRY} (merge bases) and`,
    `${originalEntry('<document id>')} (imported files). Validate ${MANIFEST_ENTRY} against #/$defs/manifest and`,
    `each line of ${rowsEntry('<table>')} against #/$defs/<table>; the bases and originals entries, and what`,
    'every field means, are described in docs/dossier-format.md. Generated from electron/exchange/format.ts by',
    `scripts/dossier-format-schema.ts; do not edit by hand.`,
    'Objects that list properties may hold others: a reader ignores them (a later minor version may add some),',
    'while a writer of this version writes exactly the listed properties, in the listed order.',
    'uuid and date-time formats are repeated as patterns, which are what Dossier checks: a validator without',
    'format support checks the same. Timestamps are YYYY-MM-DDTHH:MM:SS.sssZ (UTC, milliseconds), the form',
    'Dossier writes and compares as text.',
    'String lengths: JSON Schema counts code points, Dossier counts UTF-16 code units, so a string with',
    'characters outside the Basic Multilingual Plane can pass maxLength here and still be refused.',
    `Beyond this schema a reader checks that ${BEYOND_SCHEMA.join('; that ')}.`,
    unexpressed.length > 0
      ? `Not expressed here and checked by Dossier: ${unexpressed.join('; ')}.`
      : 'Apart from how string lengths are counted, every check format.ts makes on a single value is expressed here.',
  ].join(' ');

  return ordered({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Dossier project file, format ${FORMAT_VERSION}`,
    description,
    $defs: defs,
  }) as JsonSchema;
}

/** The file's text: the schema as JSON, formatted as Prettier formats it in this repository. */
export async function renderDossierFormatSchema(): Promise<string> {
  const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
  return prettier.format(`${JSON.stringify(dossierFormatSchema(), null, 2)}\n`, {
    ...options,
    filepath: SCHEMA_FILE,
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await renderDossierFormatSchema());
  console.log(`Wrote ${relative(process.cwd(), SCHEMA_FILE)}`);
}
