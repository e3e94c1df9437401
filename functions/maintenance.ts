import { app } from '@azure/functions';
import { getConfig } from '../shared/config/load';
import { runIdempotencyPurge } from '../shared/coordination/idempotencyPurge';
import { coordinationLog } from '../shared/coordination/log';
import { announceCoordinationMode } from '../shared/coordination/mode';
import { invocationLogger } from '../shared/http/pipeline';

// Loading the app checks the coordination setup: production without REDIS_URL stops here with a
// ConfigError, and in-process mode says at startup that it holds for a single instance only.
announceCoordinationMode(getConfig(), coordinationLog());

/** NCRONTAB (six fields, seconds first, UTC): the idempotency purge runs at minute 17 of every hour. */
export const IDEMPOTENCY_PURGE_SCHEDULE = '0 17 * * * *';

app.timer('purgeIdempotencyKeys', {
  schedule: IDEMPOTENCY_PURGE_SCHEDULE,
  runOnStartup: false,
  handler: async (_timer, context) => {
    await runIdempotencyPurge(invocationLogger(context, { timer: 'purgeIdempotencyKeys' }));
  },
});
