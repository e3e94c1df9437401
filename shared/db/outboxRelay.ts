import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../telemetry/logger';
import { errorFields, toError } from '../telemetry/errors';
import type { OutboxMessage } from './entities';
import { claimOutbox, markFailed, markProcessed } from './outbox';

/** Delivers one outbox message; throws when it could not, so the relay retries it later. */
export type OutboxDelivery = (message: OutboxMessage) => Promise<void>;

/** How one relay run behaves. */
export interface RelayOptions {
  log: Logger;
  /** Most messages one run claims. Default 50. */
  limit?: number;
}

/** What one relay run did. */
export interface RelayResult {
  claimed: number;
  delivered: number;
  failed: number;
}

/** Longest wait before a failed message is tried again: 15 minutes. */
export const MAX_RETRY_DELAY_MS = 15 * 60_000;

/** Wait before retry `attempt` (1 for the first failure): 2 s, 4 s, 8 s, ... up to MAX_RETRY_DELAY_MS. */
export function retryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** Math.min(attempt, 20));
}

async function deliverOne(tx: EntityManager, message: OutboxMessage, deliver: OutboxDelivery, log: Logger) {
  try {
    await deliver(message);
    return true;
  } catch (caught) {
    const error = toError(caught);
    const attempt = message.attempts + 1;
    await markFailed(tx, message.id, `${error.name}: delivery failed`, retryDelayMs(attempt));
    log.warn('outbox delivery failed', { messageId: message.id, caseId: message.case, attempt, ...errorFields(error) });
    return false;
  }
}

/**
 * One relay run: in one transaction, claims pending messages (claimOutbox, FOR UPDATE SKIP LOCKED),
 * delivers each in order and marks the delivered ones processed; a failed one counts an attempt and
 * waits retryDelayMs before it is claimed again. Delivery is at least once: a run that dies before
 * commit leaves its messages pending, and they are delivered again.
 */
export async function relayOutbox(
  em: EntityManager,
  deliver: OutboxDelivery,
  options: RelayOptions,
): Promise<RelayResult> {
  return em.transactional(async (tx) => {
    const messages = await claimOutbox(tx, options.limit ?? 50);
    const delivered: string[] = [];
    for (const message of messages) {
      if (await deliverOne(tx, message, deliver, options.log)) delivered.push(message.id);
    }
    await markProcessed(tx, delivered);
    return { claimed: messages.length, delivered: delivered.length, failed: messages.length - delivered.length };
  });
}
