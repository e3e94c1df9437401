import { requestFingerprint } from '../../../shared/coordination/fingerprint';

describe('requestFingerprint', () => {
  it('is the same for the same payload whatever the key order', () => {
    expect(requestFingerprint({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      requestFingerprint({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it('differs when any value differs', () => {
    expect(requestFingerprint({ amount: 100 })).not.toBe(requestFingerprint({ amount: 101 }));
  });

  it('differs for array order, which is meaningful', () => {
    expect(requestFingerprint([1, 2])).not.toBe(requestFingerprint([2, 1]));
  });

  it('treats an absent body as null, as a SHA-256 hex digest', () => {
    expect(requestFingerprint(undefined)).toBe(requestFingerprint(null));
    expect(requestFingerprint(undefined)).toMatch(/^[0-9a-f]{64}$/);
  });
});
