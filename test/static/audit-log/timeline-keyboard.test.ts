import { nextKeySelection, spanOf } from '../../../static/audit-log/src/timeline/keyboard';

describe('choosing timeline intervals from the keyboard', () => {
  it('starts at the newest interval on the first arrow key, then moves one interval per press within the chart', () => {
    expect(nextKeySelection(null, 'ArrowLeft', false, 10)).toEqual({ cursor: 9, anchor: 9 });
    expect(nextKeySelection(null, 'ArrowRight', false, 10)).toEqual({ cursor: 9, anchor: 9 });
    expect(nextKeySelection({ cursor: 9, anchor: 9 }, 'ArrowLeft', false, 10)).toEqual({ cursor: 8, anchor: 8 });
    expect(nextKeySelection({ cursor: 0, anchor: 0 }, 'ArrowLeft', false, 10)).toEqual({ cursor: 0, anchor: 0 });
    expect(nextKeySelection({ cursor: 9, anchor: 9 }, 'ArrowRight', false, 10)).toEqual({ cursor: 9, anchor: 9 });
  });

  it('jumps to the first and last interval with Home and End', () => {
    expect(nextKeySelection({ cursor: 4, anchor: 4 }, 'Home', false, 10)).toEqual({ cursor: 0, anchor: 0 });
    expect(nextKeySelection(null, 'End', false, 10)).toEqual({ cursor: 9, anchor: 9 });
  });

  it('extends the choice with Shift, keeping the first end fixed, and gives the span in either direction', () => {
    const extended = nextKeySelection(nextKeySelection({ cursor: 5, anchor: 5 }, 'ArrowLeft', true, 10) ?? null, 'ArrowLeft', true, 10);
    expect(extended).toEqual({ cursor: 3, anchor: 5 });
    expect(spanOf(extended!)).toEqual({ lo: 3, hi: 5 });
    expect(spanOf(nextKeySelection({ cursor: 5, anchor: 5 }, 'End', true, 10)!)).toEqual({ lo: 5, hi: 9 });
  });

  it('clears the choice with Escape and leaves other keys to the page', () => {
    expect(nextKeySelection({ cursor: 2, anchor: 4 }, 'Escape', false, 10)).toBeNull();
    expect(nextKeySelection({ cursor: 2, anchor: 4 }, 'Tab', false, 10)).toBeUndefined();
    expect(nextKeySelection(null, 'a', false, 10)).toBeUndefined();
    expect(nextKeySelection(null, 'Escape', false, 10)).toBeUndefined();
  });
});
