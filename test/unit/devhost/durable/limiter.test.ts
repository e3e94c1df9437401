import { createLimiter } from '../../../../devhost/durable/limiter';

describe('createLimiter', () => {
  it('runs at most the limit at once and the rest in arrival order', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push(n);
      running--;
      return n;
    };

    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => limit(task(n))));

    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5]);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = createLimiter(1);

    await expect(limit(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
