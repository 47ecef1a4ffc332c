/** Events whose values try to break every export format. */
import fc from 'fast-check';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import { event } from '../../../fakes/audit-events';

export const HOSTILE = [
  'line one\nline two\r\nline three\rfour',
  'pipe | and \\| escaped pipe',
  'back\\slash at end\\',
  'equals = sign and key=value cs1=forged',
  '"quoted", with, commas',
  '=HYPERLINK("http://evil.example","click")',
  '+cmd|/C calc',
  '-1+1',
  '@SUM(A1)',
  '\tleading tab',
  'Ünïcödé — 日本語 — emoji 🔐',
  'separators \u2028 and \u2029 inside',
  "semi; colon; and 'single' quotes",
];

export function hostileEvent(id: string, value: string, at = Date.UTC(2026, 10, 1)): AuditEvent {
  return event({
    id,
    at,
    action: 'permissionDenied',
    author: value,
    objects: [{ type: 'API token', id: `tok|${id}`, name: value }],
    attributes: [
      { name: 'Request path', value: `/rest/api/3/${value}` },
      { name: 'Request method', value: 'PUT' },
      { name: 'Note', value },
    ],
  });
}

export const arbitraryText = fc.string({ unit: 'grapheme', maxLength: 40 });
