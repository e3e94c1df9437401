import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import {
  eventHash,
  HASH_SCHEME,
  verifyChain,
  type ChainedEvent,
  type HashedEventFields,
} from '../../../shared/db/auditHash';

const state = (name: string, data: Record<string, unknown> = {}) => ({
  title: 'Laptop',
  state: name,
  assignee: null,
  data,
  definitionKey: 'purchase-request',
  definitionVersion: 1,
});

function fields(sequence: number, prevHash: string | null, payload: Record<string, unknown> = {}): HashedEventFields {
  return {
    id: `00000000-0000-7000-8000-00000000000${sequence}`,
    caseId: '0190a0b0-0000-7000-8000-000000000001',
    sequence,
    type: sequence === 1 ? 'case.opened' : 'case.transitioned',
    tenantId: 'tenant-1',
    actorType: 'user',
    actorOid: 'user-1',
    clientAppId: 'app-1',
    requestId: `req-${sequence}`,
    transition: sequence === 1 ? null : 'submit',
    reason: null,
    fromState: sequence === 1 ? null : 'draft',
    toState: 'submitted',
    before: sequence === 1 ? null : state('draft'),
    after: state('submitted'),
    changedFields: sequence === 1 ? [] : ['/state'],
    payload,
    occurredAt: `2026-12-03T08:00:0${sequence}.123000Z`,
    prevHash,
  };
}

function chain(length: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  for (let sequence = 1; sequence <= length; sequence++) {
    const event = fields(sequence, events.at(-1)?.hash ?? null, { step: sequence });
    events.push({ ...event, hash: eventHash(event) });
  }
  return events;
}

describe('eventHash', () => {
  it('is the SHA-256 of the RFC 8785 form of the fields and the scheme name', () => {
    const event = fields(1, null, { b: 1, a: [2, 'x'] });
    const expected = createHash('sha256')
      .update(canonicalize({ ...event, scheme: HASH_SCHEME })!)
      .digest('hex');

    expect(eventHash(event)).toBe(expected);
    expect(eventHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the key order of JSON fields', () => {
    const a = { ...fields(2, 'f'.repeat(64), { a: 1, b: { c: 2, d: 3 } }), after: state('submitted', { y: 1, x: 2 }) };
    const b = { ...a, payload: { b: { d: 3, c: 2 }, a: 1 }, after: state('submitted', { x: 2, y: 1 }) };

    expect(eventHash(a)).toBe(eventHash(b));
  });

  it('changes when any field changes, the sequence and the link included', () => {
    const base = fields(2, 'a'.repeat(64));
    const variants: Partial<HashedEventFields>[] = [
      { id: '00000000-0000-7000-8000-000000000009' },
      { caseId: '0190a0b0-0000-7000-8000-000000000002' },
      { sequence: 3 },
      { type: 'case.commented' },
      { tenantId: 'tenant-2' },
      { actorType: 'app' },
      { actorOid: 'user-2' },
      { clientAppId: 'app-2' },
      { requestId: 'req-x' },
      { transition: 'approve' },
      { reason: 'because' },
      { fromState: 'submitted' },
      { toState: 'approved' },
      { before: state('draft', { amount: 1 }) },
      { after: state('approved') },
      { changedFields: ['/state', '/data/amount'] },
      { payload: { comment: 'x' } },
      { occurredAt: '2026-12-03T08:00:02.123001Z' },
      { prevHash: 'b'.repeat(64) },
    ];

    const hashes = variants.map((variant) => eventHash({ ...base, ...variant }));

    expect(hashes).not.toContain(eventHash(base));
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it('refuses values JSON cannot hold instead of hashing something else', () => {
    expect(() => eventHash({ ...fields(1, null), payload: { n: 1n } })).toThrow();
  });
});

describe('verifyChain', () => {
  it('holds for events each linked to the one before', () => {
    expect(verifyChain(chain(4))).toBeNull();
  });

  it('holds for no events (the stored-case check treats that apart)', () => {
    expect(verifyChain([])).toBeNull();
  });

  it('breaks at an event whose content was edited after hashing', () => {
    const events = chain(4);
    events[2] = { ...events[2]!, payload: { step: 99 } };

    expect(verifyChain(events)).toEqual({ sequence: 3, eventId: events[2]!.id, reason: 'hash_mismatch' });
  });

  it('breaks where an event was removed', () => {
    const events = chain(4);
    events.splice(1, 1);

    expect(verifyChain(events)).toMatchObject({ sequence: 3, reason: 'sequence_gap' });
  });

  it('breaks where the first events were cut off', () => {
    expect(verifyChain(chain(3).slice(1))).toMatchObject({ sequence: 2, reason: 'sequence_gap' });
  });

  it('breaks where an event was re-hashed without relinking the next one', () => {
    const events = chain(3);
    const { hash, ...stored } = events[1]!;
    expect(hash).toBe(events[1]!.hash);
    const edited = { ...stored, reason: 'rewritten' };
    events[1] = { ...edited, hash: eventHash(edited) };

    expect(verifyChain(events)).toMatchObject({ sequence: 3, reason: 'prev_hash_mismatch' });
  });

  it('breaks when the chain does not start by opening the case', () => {
    const first = { ...fields(1, null), type: 'case.commented' };

    expect(verifyChain([{ ...first, hash: eventHash(first) }])).toMatchObject({
      sequence: 1,
      reason: 'not_opened_first',
    });
  });
});
