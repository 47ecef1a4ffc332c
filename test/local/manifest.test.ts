import { findModule, functionOfModule, loadManifest, ManifestError, modulesOfType, parseManifest } from '../../local/manifest';
import { FIXTURE_MANIFEST } from './storage/support/harness';

describe('manifest reader', () => {
  it('reads the app manifest: functions, modules by type, resources, entities and scopes', () => {
    const manifest = loadManifest('manifest.yml');
    expect(manifest.runtime).toBe('nodejs22.x');
    const verify = findModule(manifest, 'verify-token');
    expect(verify?.type).toBe('webtrigger');
    expect(verify && functionOfModule(manifest, verify)).toEqual(
      expect.objectContaining({ file: 'index', exportName: 'verifyToken' }),
    );
    expect(modulesOfType(manifest, 'jira:adminPage').map((m) => m.key)).toEqual(expect.arrayContaining(['api-token-admin']));
    expect(manifest.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['token', 'audit-event']));
    expect(manifest.scopes).toContain('storage:app');
  });

  it('normalises the index forms: shorthand name, range as a list, no partition', () => {
    const employee = loadManifest(FIXTURE_MANIFEST).entities.find((e) => e.name === 'employee');
    expect(employee?.indexes).toEqual([
      { name: 'name', partition: [], range: 'name' },
      { name: 'by-team-age', partition: ['team'], range: 'age' },
      { name: 'by-score', partition: [], range: 'score' },
    ]);
    expect(employee?.attributes).toEqual({ name: 'string', team: 'string', age: 'integer', score: 'float', active: 'boolean', tags: 'any' });
  });

  it.each([
    ['a handler without an export', 'modules:\n  function:\n    - key: f\n      handler: index\n'],
    ['an unknown attribute type', 'app:\n  storage:\n    entities:\n      - name: e\n        attributes:\n          a:\n            type: date\n'],
    [
      'an index on an undeclared attribute',
      'app:\n  storage:\n    entities:\n      - name: e\n        attributes:\n          a:\n            type: string\n        indexes:\n          - name: i\n            range: b\n',
    ],
    [
      'an entity with 8 indexes (the platform allows 7)',
      'app:\n  storage:\n    entities:\n      - name: e\n        attributes:\n' +
        [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `          a${i}:\n            type: string\n`).join('') +
        '        indexes:\n' +
        [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `          - a${i}\n`).join(''),
    ],
  ])('explains %s', (_label, text) => {
    expect(() => parseManifest(text)).toThrow(ManifestError);
  });
});

describe('entity index count', () => {
  it('accepts 7 indexes on an entity', () => {
    const text =
      'app:\n  storage:\n    entities:\n      - name: e\n        attributes:\n' +
      [1, 2, 3, 4, 5, 6, 7].map((i) => `          a${i}:\n            type: string\n`).join('') +
      '        indexes:\n' +
      [1, 2, 3, 4, 5, 6, 7].map((i) => `          - a${i}\n`).join('');
    expect(parseManifest(text).entities[0].indexes).toHaveLength(7);
  });
});
