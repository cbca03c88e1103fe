// Prints one closing line for the whole test run, "N passed, N failed, N skipped", from the JSON reports
// that Vitest and Playwright write under test-results/. Exits non-zero if a report is missing or empty.
import { existsSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
let missing = false;

const unitFile = 'test-results/unit.json';
if (existsSync(unitFile)) {
  const unit = JSON.parse(readFileSync(unitFile, 'utf8'));
  totals.passed += unit.numPassedTests ?? 0;
  totals.failed += unit.numFailedTests ?? 0;
  totals.skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
} else missing = true;

const e2eFile = 'test-results/e2e.json';
if (existsSync(e2eFile)) {
  const stats = JSON.parse(readFileSync(e2eFile, 'utf8')).stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
} else missing = true;

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(missing || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
