/**
 * Offline check of a sealed JSON Lines export (export/sealed-jsonl.ts): for each seal line, the
 * seal's own hash, its link to the previous seal in the file, and the export's events of its
 * period against the seal's leaves. An export of a whole period also matches the seal's root; a
 * filtered export can only show that each event it holds is one the seal covers, unchanged.
 */
import type { SiemEntity } from '../audit/export/siem-entity';
import { merkleRoot } from './merkle';
import { checkLink, entityLeaves, type Seal, type SealWithLeaves } from './seal';

export interface SealReport {
  seq: number;
  ok: boolean;
  line: string;
}

export interface ExportReport {
  ok: boolean;
  events: number;
  seals: SealReport[];
  /** Lines that are neither an event nor a seal. */
  unreadable: number[];
}

function period(seal: Seal): string {
  return `${seal.from < 0 ? 'start' : new Date(seal.from).toISOString()} .. ${new Date(seal.to).toISOString()}`;
}

export function verifyExport(text: string): ExportReport {
  const entities: SiemEntity[] = [];
  const seals: SealWithLeaves[] = [];
  const unreadable: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line) as { seal?: SealWithLeaves } & Partial<SiemEntity>;
      if (value.seal) seals.push(value.seal);
      else if (typeof value.id === 'string' && typeof value.timestamp === 'string') entities.push(value as SiemEntity);
      else unreadable.push(index + 1);
    } catch {
      unreadable.push(index + 1);
    }
  });
  seals.sort((a, b) => a.seq - b.seq);
  const reports: SealReport[] = seals.map((seal, k) => {
    const previous = k > 0 && seals[k - 1].seq === seal.seq - 1 ? seals[k - 1] : null;
    const link = checkLink(seal, previous);
    const head = `seal ${seal.seq} (${period(seal)}, ${seal.count} events, root ${seal.root.slice(0, 16)}…)`;
    if (link && (link.kind === 'seal-altered' || previous)) return { seq: seal.seq, ok: false, line: `${head}: FAIL, the seal ${link.kind === 'seal-altered' ? 'was altered' : 'does not follow the previous seal'}` };
    const mine = entities.filter((entity) => {
      const t = Date.parse(entity.timestamp);
      return t > seal.from && t <= seal.to;
    });
    const sealed = new Map(seal.leaves);
    for (const [id, hash] of entityLeaves(mine)) {
      if (!sealed.has(id)) return { seq: seal.seq, ok: false, line: `${head}: FAIL, event ${id} was added` };
      if (sealed.get(id) !== hash) return { seq: seal.seq, ok: false, line: `${head}: FAIL, event ${id} was changed` };
    }
    if (mine.length === seal.count) {
      const root = merkleRoot(entityLeaves(mine).map(([, hash]) => hash));
      return root === seal.root ? { seq: seal.seq, ok: true, line: `${head}: OK, all ${mine.length} events match the root` } : { seq: seal.seq, ok: false, line: `${head}: FAIL, the root does not match` };
    }
    return { seq: seal.seq, ok: true, line: `${head}: OK, the ${mine.length} exported events of ${seal.count} are sealed unchanged` };
  });
  const ok = seals.length > 0 && unreadable.length === 0 && reports.every((report) => report.ok);
  return { ok, events: entities.length, seals: reports, unreadable };
}
