/** Bounded waits on a connection's state: each resolves when its check holds, or fails. */

interface Waiter {
  check: () => boolean;
  what: string;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A set of waits re-checked by {@link Waiters.settle} after every change of state. */
export class Waiters {
  private readonly waiting = new Set<Waiter>();

  /**
   * Resolves when `check()` holds; rejects after `ms`, or at the next settle once `closed()`
   * is true (nothing more can change).
   */
  wait(check: () => boolean, what: string, ms: number, closed: boolean): Promise<void> {
    if (check()) return Promise.resolve();
    if (closed) return Promise.reject(new Error(`connection closed before ${what}`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check,
        what,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiting.delete(waiter);
          reject(new Error(`no ${what} within ${ms} ms`));
        }, ms),
      };
      this.waiting.add(waiter);
    });
  }

  /** Re-checks every wait; with `closed`, fails those whose check still does not hold. */
  settle(closed: boolean): void {
    for (const waiter of [...this.waiting]) {
      const done = waiter.check();
      if (!done && !closed) continue;
      clearTimeout(waiter.timer);
      this.waiting.delete(waiter);
      if (done) waiter.resolve();
      else waiter.reject(new Error(`connection closed before ${waiter.what}`));
    }
  }
}
