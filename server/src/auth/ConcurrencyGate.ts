import { DomainError } from '../errors';

/**
 * Lets at most `running` tasks run at once and `waiting` more wait their turn;
 * anything beyond is refused at once with `rate-limited`. Password checks go
 * through one: each scrypt run takes 32 MiB and a core for tens of
 * milliseconds, so a flood of logins with random names must not queue
 * without bound.
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) throw new DomainError('rate-limited', 'too many logins at once; try again in a moment');
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
