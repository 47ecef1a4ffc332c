/**
 * `npm run verify-export -- <file.jsonl>`: checks a sealed JSON Lines export offline and prints
 * one line per seal; exits 1 when any seal fails, the file has no seal, or a line is unreadable.
 */
import { readFileSync } from 'node:fs';
import { verifyExport } from '../src/domain/seals/verify-export';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run verify-export -- <file.jsonl>');
  process.exit(2);
}
const report = verifyExport(readFileSync(file, 'utf8'));
for (const seal of report.seals) console.info(seal.line);
if (report.seals.length === 0) console.error('No seal in this file: export with seals to check it.');
if (report.unreadable.length > 0) console.error(`Unreadable lines: ${report.unreadable.slice(0, 10).join(', ')}`);
console.info(report.ok ? `OK: ${report.events} events, ${report.seals.length} seal(s)` : 'FAILED');
process.exit(report.ok ? 0 : 1);
