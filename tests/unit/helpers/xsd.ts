// The REFI-QDA schema (tests/fixtures/schemas/Project-mrt2019.xsd) through libxml2's XML Schema validator: what
// it says is wrong with a document, [] when it is valid. Load once per test file (beforeAll), dispose after.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';

export function loadQdaSchema() {
  const xsd = readFileSync(
    join(process.cwd(), 'tests', 'fixtures', 'schemas', 'Project-mrt2019.xsd'),
    'utf8',
  );
  const schemaDocument = XmlDocument.fromString(xsd);
  const validator = XsdValidator.fromDoc(schemaDocument);
  return {
    errors(xml: string): string[] {
      const document = XmlDocument.fromString(xml);
      try {
        validator.validate(document);
        return [];
      } catch (error) {
        if (error instanceof XmlValidateError)
          return error.details.map((d) => `line ${d.line}: ${d.message.trim()}`);
        throw error;
      } finally {
        document.dispose();
      }
    },
    dispose() {
      validator.dispose();
      schemaDocument.dispose();
    },
  };
}
