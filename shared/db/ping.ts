import { getOrm } from './orm';

/** How long a health probe waits for PostgreSQL, in milliseconds. */
export const PING_TIMEOUT_MS = 2000;

function timeout(ms: number): { promise: Promise<false>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

async function selectOne(): Promise<true> {
  const orm = await getOrm();
  await orm.em.getConnection().execute('select 1');
  return true;
}

/**
 * True when `select 1` through the process's ORM answers within PING_TIMEOUT_MS; false when it fails,
 * times out, or DATABASE_URL is unset. Never throws.
 */
export async function databaseReachable(): Promise<boolean> {
  const limit = timeout(PING_TIMEOUT_MS);
  try {
    return await Promise.race([selectOne().catch(() => false as const), limit.promise]);
  } finally {
    limit.cancel();
  }
}
