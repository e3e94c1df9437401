import { memoryLeaseStore } from '../../../shared/coordination/leaseStore';

describe('memoryLeaseStore', () => {
  let now = 1_000;
  const store = memoryLeaseStore(() => now);

  it('grants up to capacity leases under one key and refuses the next', async () => {
    expect(await store.tryAcquire('k1', 'a', 2, 1000)).toBe(true);
    expect(await store.tryAcquire('k1', 'b', 2, 1000)).toBe(true);
    expect(await store.tryAcquire('k1', 'c', 2, 1000)).toBe(false);
    expect(await store.tryAcquire('other', 'c', 2, 1000)).toBe(true);
  });

  it('frees a place when its holder releases it', async () => {
    await store.release('k1', 'a');

    expect(await store.tryAcquire('k1', 'c', 2, 1000)).toBe(true);
  });

  it('frees a place when a lease expires', async () => {
    expect(await store.tryAcquire('k2', 'a', 1, 500)).toBe(true);
    now += 500;

    expect(await store.tryAcquire('k2', 'b', 1, 500)).toBe(true);
  });

  it('ignores a release by a token that holds nothing, keeping the real holder', async () => {
    expect(await store.tryAcquire('k3', 'holder', 1, 1000)).toBe(true);
    await store.release('k3', 'stranger');

    expect(await store.tryAcquire('k3', 'next', 1, 1000)).toBe(false);
  });
});
