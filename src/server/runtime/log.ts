/**
 * The server's log. In production one JSON object per line on stdout (journald, docker and log
 * shippers read it as is): time, level, msg and plain fields. Never record content, passwords,
 * tokens or query strings: callers pass ids, routes, statuses and counts only, and a server fault
 * is logged by the error's name, code and stack frames — not its message, which can quote a value
 * (a database error names the value it refused). In development readable text on the console.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined | object>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

type Level = 'info' | 'warn' | 'error';

export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const log =
    (level: Level) =>
    (msg: string, fields: LogFields = {}) =>
      write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export function consoleLogger(): Logger {
  const text = (msg: string, fields?: LogFields) =>
    fields && Object.keys(fields).length > 0 ? `${msg} ${JSON.stringify(fields)}` : msg;
  return {
    info: (msg, fields) => console.log(text(msg, fields)),
    warn: (msg, fields) => console.warn(text(msg, fields)),
    error: (msg, fields) => console.error(text(msg, fields)),
  };
}

/** What of an error may be logged: its kind and where it happened, never its message. */
export function faultFields(err: unknown): LogFields {
  if (!(err instanceof Error)) return { error: { name: typeof err } };
  const code = (err as { code?: unknown }).code;
  return {
    error: {
      name: err.name,
      ...(typeof code === 'string' ? { code } : {}),
      // The first line of a stack is "Name: message"; the frames after it hold no values.
      stack: (err.stack ?? '')
        .split('\n')
        .slice(1, 12)
        .map((l) => l.trim()),
    },
  };
}
