// Every LSP request and notification handler runs through `guarded`: whatever a handler throws
// (synchronously or as a rejected promise) is logged and answered with `null`, which every
// request the server offers accepts as "nothing here". One bad document or message never ends
// the server; the editor keeps its diagnostics, hovers and fixes for everything else.

/** Where failures go: the server passes `connection.console.error`. */
export type Log = (message: string) => void;

/** The error's own message, for a person (no stack). */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/** The error with its stack, for the log. */
export function errorDetail(e: unknown): string {
  return e instanceof Error && e.stack ? e.stack : errorMessage(e);
}

function report(log: Log, what: string, e: unknown): void {
  try {
    log(`${what} failed: ${errorDetail(e)}`);
  } catch {
    // The connection itself is gone: nothing left to tell.
  }
}

/**
 * `fn` guarded: a thrown error or a rejected promise is logged as "`what` failed: ..." and the
 * call answers `null` (a request's empty answer; a notification's result is ignored).
 */
export function guarded<A extends unknown[], R>(log: Log, what: string, fn: (...args: A) => R): (...args: A) => R | null {
  return (...args: A) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) {
        return r.catch((e: unknown) => {
          report(log, what, e);
          return null;
        }) as R;
      }
      return r;
    } catch (e) {
      report(log, what, e);
      return null;
    }
  };
}

/** `guarded` for a notification or event handler: returns nothing, whatever `fn` does. */
export function guardedNotification<A extends unknown[]>(log: Log, what: string, fn: (...args: A) => unknown): (...args: A) => void {
  const g = guarded(log, what, fn);
  return (...args: A) => {
    void g(...args);
  };
}
