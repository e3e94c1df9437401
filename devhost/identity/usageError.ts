/** Thrown for command lines the token CLI cannot act on; lists every problem. */
export class UsageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'UsageError';
  }
}
