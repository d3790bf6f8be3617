/**
 * The IMS token cache across processes (n8n queue mode), with no HTTP: each "process" is its own
 * cache, the credential store is one shared variable, and IMS is a counter with a revoke list.
 * The clock is injected, so the 60-second reuse window is tested without waiting.
 */
import type { IHttpRequestHelper } from 'n8n-workflow';

import { createImsTokenCache, type ImsTokenCache } from '../../../nodes/shared/kernel/imsToken';

const CLIENT = {
	imsUrl: 'http://127.0.0.1:1',
	clientId: 'cid',
	clientSecret: 'top-secret-value',
	scopes: 'openid',
};

/** IMS as seen by every process: issues tok-1, tok-2, …; revokes one token or all issued so far. */
function fakeIms() {
	let issued = 0;
	let failures = 0;
	const revoked = new Set<string>();
	const all: string[] = [];
	const helpers = {
		httpRequest: async () => {
			if (failures > 0) {
				failures--;
				throw Object.assign(new Error('Request failed with status code 503'), {
					response: { status: 503, data: {} },
				});
			}
			const token = `tok-${++issued}`;
			all.push(token);
			return { access_token: token };
		},
	} as unknown as IHttpRequestHelper['helpers'];
	return {
		helpers,
		get issued() {
			return issued;
		},
		revoke: (token: string) => revoked.add(token),
		/** The next `count` token requests fail with 503. */
		fail: (count: number) => (failures = count),
		revokeAll: () => all.forEach((token) => revoked.add(token)),
		valid: (token: string) => all.includes(token) && !revoked.has(token),
	};
}

/** Two processes (the workers), one credential store and one IMS. */
function queueMode() {
	let now = 1_000_000;
	const clock = () => now;
	const ims = fakeIms();
	const store = { accessToken: '' };
	const worker = (cache: ImsTokenCache) => ({
		cache,
		/** n8n's preAuthentication: called with the held token; the result goes to the store. */
		async refresh(held: string): Promise<string> {
			const token = await cache.fetchAccessToken(ims.helpers, { ...CLIENT, accessToken: held });
			store.accessToken = token;
			return token;
		},
		/**
		 * One request as n8n sends it: the held token (read from the store when the execution
		 * started), a refresh when it is empty, one refresh and one retry after a 401.
		 */
		async request(held = store.accessToken): Promise<'ok' | '401'> {
			let token = held === '' ? await this.refresh('') : held;
			if (ims.valid(token)) return 'ok';
			token = await this.refresh(token);
			return ims.valid(token) ? 'ok' : '401';
		},
	});
	return {
		ims,
		store,
		a: worker(createImsTokenCache(clock)),
		b: worker(createImsTokenCache(clock)),
		advance: (ms: number) => (now += ms),
	};
}

describe('IMS token cache in queue mode (several processes, one credential store)', () => {
	it('does not hand back its own older token when the refused one came from another process', async () => {
		const q = queueMode();
		// B starts with an empty store and fetches tok-1; A does the same a moment later: tok-2 wins the store.
		expect(await q.b.refresh('')).toBe('tok-1');
		q.advance(1_000);
		expect(await q.a.refresh('')).toBe('tok-2');
		// B's next execution holds A's tok-2. Then every token is revoked.
		const held = q.store.accessToken;
		q.ims.revokeAll();
		// Before the fix B answered the 401 with its own tok-1 ("different and under 60 s"), already revoked.
		expect(await q.b.request(held)).toBe('ok');
		expect(q.ims.issued).toBe(3);
	});

	it('never hands out a token that got a 401, even to a caller that holds an older one', async () => {
		const q = queueMode();
		expect(await q.a.refresh('')).toBe('tok-1');
		q.ims.revoke('tok-1');
		expect(await q.a.request('tok-1')).toBe('ok'); // refreshed to tok-2
		q.ims.revoke('tok-2');
		expect(await q.a.request('tok-2')).toBe('ok'); // refreshed to tok-3
		// A late request still holding tok-1: tok-3 arrived after tok-1 was refused, so it is reused.
		expect(await q.a.request('tok-1')).toBe('ok');
		expect(q.ims.issued).toBe(3);
		q.ims.revoke('tok-3');
		expect(await q.a.request('tok-3')).toBe('ok'); // tok-4
		// tok-3 is refused now: a caller with no token or with an older one must not get it.
		expect(await q.a.cache.fetchAccessToken(q.ims.helpers, { ...CLIENT, accessToken: '' })).toBe(
			'tok-4',
		);
		expect(
			await q.a.cache.fetchAccessToken(q.ims.helpers, { ...CLIENT, accessToken: 'tok-2' }),
		).toBe('tok-4');
		expect(q.ims.issued).toBe(4);
	});

	it('does not hand out a refused token when the refresh after it failed', async () => {
		const q = queueMode();
		await q.a.refresh(''); // tok-1
		q.ims.revoke('tok-1');
		await q.a.request('tok-1'); // tok-2
		q.ims.revoke('tok-2');
		// tok-2 is refused and IMS is briefly unavailable: that execution fails.
		q.ims.fail(1);
		await expect(q.a.refresh('tok-2')).rejects.toThrow(/503|unavailable/i);
		// The next callers, holding nothing or the older tok-1, must not get tok-2 (before the fix they did).
		expect(
			await q.a.cache.fetchAccessToken(q.ims.helpers, { ...CLIENT, accessToken: 'tok-1' }),
		).toBe('tok-3');
		q.ims.fail(1);
		await expect(q.a.refresh('tok-3')).rejects.toThrow(/503|unavailable/i);
		expect(await q.a.cache.fetchAccessToken(q.ims.helpers, { ...CLIENT, accessToken: '' })).toBe(
			'tok-4',
		);
		expect(q.ims.issued).toBe(4);
	});

	it('A stores, B refreshes, A is revoked: each process refreshes once, then reuses', async () => {
		const q = queueMode();
		await q.a.refresh(''); // tok-1 in the store
		q.ims.revokeAll();
		// B meets tok-1 for the first time in a 401: it cannot know its age, so it asks IMS.
		expect(await q.b.request('tok-1')).toBe('ok');
		expect(q.store.accessToken).toBe('tok-2');
		// A's own executions, still holding tok-1, are refused: A refreshes once.
		expect(await q.a.request('tok-1')).toBe('ok');
		expect(q.ims.issued).toBe(3);
		// Late 401s with tok-1 on either process take that process's newer token.
		expect(await q.a.request('tok-1')).toBe('ok');
		expect(await q.b.request('tok-1')).toBe('ok');
		expect(q.ims.issued).toBe(3);
	});

	it('a wave of concurrent 401s in one process leads to one IMS request', async () => {
		const q = queueMode();
		await q.a.refresh('');
		await q.b.refresh(''); // the store now holds B's tok-2
		q.ims.revokeAll();
		const held = ['tok-1', 'tok-2', 'tok-1', 'tok-2', 'tok-1', 'tok-2', 'tok-1', 'tok-2'];
		expect(await Promise.all(held.map(async (token) => await q.a.request(token)))).toEqual(
			held.map(() => 'ok'),
		);
		expect(q.ims.issued).toBe(3);
	});

	it('after two revokes in a row, neither process hands out a token from before the second one', async () => {
		const q = queueMode();
		await q.a.refresh(''); // tok-1
		q.ims.revokeAll();
		await q.a.request('tok-1'); // A: tok-2
		await q.b.request('tok-1'); // B: tok-3 (store)
		q.ims.revokeAll();
		// B's execution holds A's tok-2, which B never fetched: B must not answer with its tok-3.
		expect(await q.b.request('tok-2')).toBe('ok');
		// A's execution holds B's tok-3 (from the store): A must not answer with its tok-2.
		expect(await q.a.request('tok-3')).toBe('ok');
		expect(q.ims.issued).toBe(5);
	});

	it('reuses its newest token for callers with no token only within 60 seconds', async () => {
		const q = queueMode();
		await q.a.refresh(''); // tok-1
		q.advance(59_999);
		expect(await q.a.cache.fetchAccessToken(q.ims.helpers, { ...CLIENT, accessToken: '' })).toBe(
			'tok-1',
		);
		q.advance(1);
		expect(await q.a.cache.fetchAccessToken(q.ims.helpers, { ...CLIENT, accessToken: '' })).toBe(
			'tok-2',
		);
	});

	it('keeps tokens of different secrets apart', async () => {
		const q = queueMode();
		await q.a.refresh('');
		expect(
			await q.a.cache.fetchAccessToken(q.ims.helpers, {
				...CLIENT,
				clientSecret: 'other-secret',
				accessToken: '',
			}),
		).toBe('tok-2');
		expect(q.a.cache.issuedTokens().sort()).toEqual(['tok-1', 'tok-2']);
	});
});
