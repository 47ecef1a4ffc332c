import { advanceClock, clockOffset, installClock, resetClock } from '../../../local/runtime/clock';

const DAY = 86_400_000;

afterEach(() => resetClock());

describe('process clock', () => {
  it('moves Date.now(), new Date() and Date() forward together', () => {
    const before = Date.now();
    advanceClock(3 * DAY);
    expect(Date.now()).toBeGreaterThanOrEqual(before + 3 * DAY);
    expect(new Date().getTime()).toBeGreaterThanOrEqual(before + 3 * DAY);
    expect(Date.parse(Date())).toBeGreaterThanOrEqual(Math.floor((before + 3 * DAY) / 1000) * 1000);
    expect(clockOffset()).toBe(3 * DAY);
  });

  it('leaves dates built from explicit values, Date.parse and Date.UTC untouched', () => {
    advanceClock(DAY);
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date('2026-03-01T10:00:00Z').getTime()).toBe(Date.UTC(2026, 2, 1, 10));
    expect(new Date(2026, 0, 2).getFullYear()).toBe(2026);
    expect(Date.parse('2026-03-01T10:00:00Z')).toBe(1772359200000);
  });

  it('keeps instanceof and methods working for shifted dates', () => {
    advanceClock(1000);
    const shifted = new Date();
    expect(shifted).toBeInstanceOf(Date);
    expect(typeof shifted.toISOString()).toBe('string');
    class Stamp extends Date {}
    expect(new Stamp(5).getTime()).toBe(5);
    expect(new Stamp()).toBeInstanceOf(Stamp);
  });

  it('resets to real time, and installing twice does not stack offsets', () => {
    advanceClock(DAY);
    installClock();
    expect(clockOffset()).toBe(DAY);
    resetClock();
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1000);
    expect(clockOffset()).toBe(0);
  });
});
