/** Access tokens the emulated IMS issued: random, opaque, expiring, revocable. */
import { randomBytes } from 'node:crypto';

export class TokenStore {
	private readonly tokens = new Map<string, number>(); // token -> expiry (epoch ms)
	private issued = 0;

	issue(lifetimeSeconds: number): { token: string; expiresIn: number } {
		const token = `emu.${randomBytes(32).toString('base64url')}`;
		this.tokens.set(token, Date.now() + lifetimeSeconds * 1000);
		this.issued++;
		return { token, expiresIn: Math.max(0, Math.floor(lifetimeSeconds)) };
	}

	isValid(token: string): boolean {
		const expiry = this.tokens.get(token);
		return expiry !== undefined && expiry > Date.now();
	}

	issuedCount(): number {
		return this.issued;
	}

	revokeAll(): void {
		this.tokens.clear();
	}

	reset(): void {
		this.tokens.clear();
		this.issued = 0;
	}
}
