import { actorsOf, approvalsTowardQuorum, type HistoryStep } from '../../../shared/workflow/caseSnapshot';
import { purchase } from './definitions';

const applied = (transition: string, actor: string | null): HistoryStep => ({ kind: 'applied', transition, actor });
const approved = (transition: string, actor: string): HistoryStep => ({ kind: 'approval', transition, actor });

describe('approvalsTowardQuorum', () => {
  it('counts distinct approvers of the transition since the last move, in order', () => {
    const history = [
      applied('submit', 'rita'),
      approved('sign', 'fred'),
      approved('other', 'olga'),
      approved('sign', 'fiona'),
      approved('sign', 'fred'),
    ];

    expect(approvalsTowardQuorum(purchase('x', 1, history), 'sign')).toEqual(['fred', 'fiona']);
  });

  it('starts again after every move', () => {
    const history = [approved('sign', 'fred'), applied('send-back', 'ada'), approved('sign', 'fiona')];

    expect(approvalsTowardQuorum(purchase('x', 1, history), 'sign')).toEqual(['fiona']);
  });
});

describe('actorsOf', () => {
  it('collects everyone who took or approved towards the transitions, leaving out Signoff itself', () => {
    const history = [applied('approve', 'arno'), approved('sign', 'fred'), applied('approve', null), applied('x', 'x')];

    expect(actorsOf(history, ['approve', 'sign'])).toEqual(new Set(['arno', 'fred']));
  });
});
