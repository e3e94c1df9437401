import { eventHash, verifyChain, type ChainedEvent, type HashedEventFields } from '../../../shared/db/auditHash';

function fields(sequence: number, prevHash: string | null, payload: Record<string, unknown> = {}): HashedEventFields {
  return {
    id: `00000000-0000-7000-8000-00000000000${sequence}`,
    caseId: '0190a0b0-0000-7000-8000-000000000001',
    sequence,
    type: sequence === 1 ? 'case.opened' : 'case.transitioned',
    actorOid: 'user-1',
    actorType: 'user',
    tenantId: 'tenant-1',
    clientAppId: 'app-1',
    requestId: `req-${sequence}`,
    fromState: sequence === 1 ? null : 'draft',
    toState: 'submitted',
    transition: sequence === 1 ? null : 'submit',
    reason: null,
    payload,
    occurredAt: new Date(Date.UTC(2026, 11, 3, 8, 0, sequence)),
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
  it('is 64 lower-case hex characters', () => {
    expect(eventHash(fields(1, null))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the key order of the payload', () => {
    expect(eventHash(fields(1, null, { a: 1, b: { c: 2, d: 3 } }))).toBe(
      eventHash(fields(1, null, { b: { d: 3, c: 2 }, a: 1 })),
    );
  });

  it('changes when any field changes', () => {
    const base = fields(2, 'a'.repeat(64));
    const variants: Partial<HashedEventFields>[] = [
      { reason: 'because' },
      { actorOid: 'user-2' },
      { prevHash: 'b'.repeat(64) },
      { occurredAt: new Date(base.occurredAt.getTime() + 1) },
      { payload: { comment: 'x' } },
      { toState: 'approved' },
    ];

    for (const variant of variants) expect(eventHash({ ...base, ...variant })).not.toBe(eventHash(base));
  });
});

describe('verifyChain', () => {
  it('holds for events each linked to the one before', () => {
    expect(verifyChain(chain(4))).toEqual({ intact: true });
  });

  it('holds for a case with no events', () => {
    expect(verifyChain([])).toEqual({ intact: true });
  });

  it('breaks at an event whose content was edited after hashing', () => {
    const events = chain(4);
    events[2] = { ...events[2]!, payload: { step: 99 } };

    expect(verifyChain(events)).toMatchObject({ intact: false, sequence: 3, problem: 'hash does not match the event' });
  });

  it('breaks where an event was removed', () => {
    const events = chain(4);
    events.splice(1, 1);

    expect(verifyChain(events)).toMatchObject({ intact: false, sequence: 3 });
  });

  it('breaks where an event was re-hashed without relinking the next one', () => {
    const events = chain(3);
    const { hash, ...stored } = events[1]!;
    expect(hash).toBe(events[1]!.hash);
    const edited = { ...stored, reason: 'rewritten' };
    events[1] = { ...edited, hash: eventHash(edited) };

    expect(verifyChain(events)).toMatchObject({
      intact: false,
      sequence: 3,
      problem: expect.stringMatching(/prevHash/),
    });
  });
});
