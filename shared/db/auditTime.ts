/**
 * SQL rendering the timestamptz `expression` the way audit hashes cover it: UTC, ISO 8601, exactly six
 * fractional digits ('2026-12-03T09:22:48.582000Z'). PostgreSQL stores microseconds; rendering them in
 * SQL, never through a JavaScript Date, means no precision is lost on the way to the hash.
 */
export function utcText(expression: string): string {
  return `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * The moment an event is appended: the database clock, cut to milliseconds so a JavaScript Date holds
 * it exactly when the ORM writes it back.
 */
export const EVENT_CLOCK_SQL = `date_trunc('milliseconds', clock_timestamp())`;
