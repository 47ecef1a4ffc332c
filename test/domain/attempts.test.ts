import { TRY_AGAIN, withAttempts } from '../../src/domain/attempts';

describe('withAttempts: the optimistic-concurrency loop', () => {
  it('answers the first outcome that is not TRY_AGAIN, without further attempts', async () => {
    const step = jest.fn(async (attempt: number) => (attempt < 2 ? TRY_AGAIN : `done at ${attempt}`));
    await expect(withAttempts(5, step)).resolves.toBe('done at 2');
    expect(step).toHaveBeenCalledTimes(3);
  });

  it('gives up after the given number of attempts and says so with TRY_AGAIN', async () => {
    const step = jest.fn(async () => TRY_AGAIN);
    await expect(withAttempts(3, step)).resolves.toBe(TRY_AGAIN);
    expect(step).toHaveBeenCalledTimes(3);
  });

  it('lets a failure of the step through on the attempt it happens', async () => {
    const step = jest.fn(async () => {
      throw new Error('storage down');
    });
    await expect(withAttempts(3, step)).rejects.toThrow('storage down');
    expect(step).toHaveBeenCalledTimes(1);
  });
});
