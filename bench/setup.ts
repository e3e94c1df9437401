import { benchTokens } from './api';
import type { DevhostUnderTest } from './devhostUnderTest';
import { openCases, publishExample } from './fixtures';
import type { BenchContext } from './scenarios/scenario';

/** Cases opened before any scenario: one to read, and enough for a full page of 50 in the list. */
export const BASELINE_CASES = 60;

/** Publishes the example workflow and opens the baseline cases; the context every scenario runs in. */
export async function prepareContext(
  devhost: DevhostUnderTest,
  options: { connections: number; durationSeconds: number },
): Promise<BenchContext> {
  const tokens = await benchTokens(devhost.keyDir);
  const workflowKey = await publishExample(devhost.url, tokens);
  const [sample, ...freshCases] = await openCases(devhost.url, tokens, workflowKey, BASELINE_CASES);
  return { baseUrl: devhost.url, tokens, workflowKey, sampleCaseId: sample!.id, freshCases, ...options };
}
