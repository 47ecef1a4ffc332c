/**
 * The per-day usage series: UTC days, the 30-day bound, and the dense window pages draw.
 * Held-use accounting across instances is pinned in test/domain/verification/usage-per-day.test.ts.
 */
import { addUses, asSeries, lastDays, USAGE_DAYS, utcDay } from '../../../src/domain/tokens/daily-usage';

const DAY = 86_400_000;
const NOON = Date.UTC(2026, 10, 22, 12, 0, 0);

describe('daily usage series', () => {
  it('files an instant under its UTC day, whatever the local time zone', () => {
    expect(utcDay(Date.UTC(2026, 10, 22, 23, 59, 59, 999))).toBe('2026-11-22');
    expect(utcDay(Date.UTC(2026, 10, 23, 0, 0, 0))).toBe('2026-11-23');
  });

  it('adds uses to their own days and keeps the series sorted oldest first', () => {
    const series = [{ day: '2026-11-21', count: 4 }];
    const uses = [
      { day: '2026-11-22', count: 2 },
      { day: '2026-11-21', count: 1 },
      { day: '2026-11-22', count: 1 },
    ];
    expect(addUses(series, uses, NOON)).toEqual([
      { day: '2026-11-21', count: 5 },
      { day: '2026-11-22', count: 3 },
    ]);
  });

  it('starts a new day at midnight UTC without touching the day before', () => {
    const beforeMidnight = addUses([], [{ day: utcDay(NOON + 11 * 3_600_000), count: 1 }], NOON + 11 * 3_600_000);
    const afterMidnight = NOON + 12 * 3_600_000;
    expect(addUses(beforeMidnight, [{ day: utcDay(afterMidnight), count: 1 }], afterMidnight)).toEqual([
      { day: '2026-11-22', count: 1 },
      { day: '2026-11-23', count: 1 },
    ]);
  });

  it('keeps only the last 30 days, so a token used every day stays at 30 entries', () => {
    let series: ReturnType<typeof addUses> = [];
    for (let day = 0; day < 45; day += 1) {
      const at = NOON + day * DAY;
      series = addUses(series, [{ day: utcDay(at), count: day + 1 }], at);
    }
    expect(series).toHaveLength(USAGE_DAYS);
    expect(series[0]).toEqual({ day: utcDay(NOON + 15 * DAY), count: 16 });
    expect(series[USAGE_DAYS - 1]).toEqual({ day: utcDay(NOON + 44 * DAY), count: 45 });
  });

  it('drops days that fell out of the window at the write, even when the last write was long ago', () => {
    const old = [
      { day: utcDay(NOON - 40 * DAY), count: 9 },
      { day: utcDay(NOON - 29 * DAY), count: 2 },
    ];
    expect(addUses(old, [{ day: utcDay(NOON), count: 1 }], NOON)).toEqual([
      { day: utcDay(NOON - 29 * DAY), count: 2 },
      { day: utcDay(NOON), count: 1 },
    ]);
  });

  it('widens a stored series to every one of the last 30 days at the time of reading, zeros included', () => {
    const stored = [
      { day: utcDay(NOON - 31 * DAY), count: 7 },
      { day: utcDay(NOON - 29 * DAY), count: 2 },
      { day: utcDay(NOON - 1 * DAY), count: 5 },
    ];
    const window = lastDays(stored, NOON);
    expect(window).toHaveLength(USAGE_DAYS);
    expect(window[0]).toEqual({ day: utcDay(NOON - 29 * DAY), count: 2 });
    expect(window[USAGE_DAYS - 2]).toEqual({ day: utcDay(NOON - DAY), count: 5 });
    expect(window[USAGE_DAYS - 1]).toEqual({ day: utcDay(NOON), count: 0 });
    expect(window.reduce((sum, { count }) => sum + count, 0)).toBe(7);
  });

  it('reads a stored value that is not a series as none, and drops entries that are not day counts', () => {
    expect(asSeries(undefined)).toEqual([]);
    expect(asSeries('2026-11-22')).toEqual([]);
    expect(asSeries([{ day: '2026-11-22', count: 3 }, { day: 'yesterday', count: 1 }, { day: '2026-11-21', count: -1 }, null])).toEqual([{ day: '2026-11-22', count: 3 }]);
  });
});
