/** Structured fields that ride along with a log line. Never put tokens or whole payloads here. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Log severity, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A logger bound to a set of fields (request id, invocation id, case id, ...). Messages are fixed text. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** Where log lines go: the console (devhost, tests) or an InvocationContext (Azure). */
export type LogSink = (level: LogLevel, message: string, fields: LogFields) => void;

const ranks: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** A sink writing one JSON object per line to stdout (stderr for error). */
export const consoleSink: LogSink = (level, message, fields) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === 'error') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
};

/** Builds a logger writing to `sink` every line at or above `minLevel`. */
export function createLogger(sink: LogSink, minLevel: LogLevel | 'silent' = 'info', bound: LogFields = {}): Logger {
  const write =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (ranks[level] >= ranks[minLevel]) sink(level, message, { ...bound, ...fields });
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => createLogger(sink, minLevel, { ...bound, ...fields }),
  };
}
