import type { AccessToken, TokenCredential } from '@azure/identity';

/**
 * A TokenCredential stand-in: hands out 'token-1', 'token-2', ... each living `lifetimeMs`, records the
 * scopes asked for, and fails while `failing` is set (as an unreachable managed identity endpoint would).
 */
export class StandInCredential implements TokenCredential {
  readonly requests: string[] = [];
  failing = false;
  returnsNull = false;

  constructor(
    private readonly lifetimeMs: number,
    private readonly delayMs = 0,
  ) {}

  async getToken(scopes: string | string[]): Promise<AccessToken | null> {
    this.requests.push([scopes].flat().join(' '));
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failing) throw new Error('credential unavailable');
    if (this.returnsNull) return null;
    return { token: `token-${this.requests.length}`, expiresOnTimestamp: Date.now() + this.lifetimeMs };
  }
}
