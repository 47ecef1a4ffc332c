import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogEntries, OUTBOUND_CATALOG, VENDOR_SUPPORT_URL } from '../../../src/adapters/outbound/catalog';
import { API_CALLS_DOC_PATH, renderApiCallsDoc } from '../../../src/adapters/outbound/catalog-doc';

const published = readFileSync(path.resolve(__dirname, '..', '..', '..', API_CALLS_DOC_PATH), 'utf8');

describe('docs/api-calls.md', () => {
  it('is exactly what the catalog renders to (run npm run docs:api-calls after changing the catalog)', () => {
    expect(published).toBe(renderApiCallsDoc(catalogEntries(), VENDOR_SUPPORT_URL));
  });

  it.each(Object.entries(OUTBOUND_CATALOG))('lists %s with its sentence, method and route', (id, entry) => {
    const row = published.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(entry.description);
    expect(row).toContain(` ${entry.method} `);
    expect(row).toContain(entry.route);
  });

  it('shows the vendor support link', () => {
    expect(published).toContain(VENDOR_SUPPORT_URL);
  });

  it('keeps a table row intact when a sentence contains a pipe', () => {
    const doc = renderApiCallsDoc(
      [{ id: 'x.y', method: 'GET', route: '/rest/api/3/x', actor: 'user', origin: 'frontend', description: 'Reads A | B.' }],
      'https://support.example',
    );
    const row = doc.split('\n').find((line) => line.startsWith('| `x.y`')) ?? '';
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(6);
    expect(row).toContain('| User | Front end |');
  });
});
