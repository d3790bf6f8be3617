/** What the emulator saw that must stay secret: the access tokens requests carried, the Redshift passwords sent or stored. */

/** The part of a started emulator these queries read (also met by a plain object in tests). */
export interface SeenByEmulator {
	requests(): Array<{ headers: Record<string, string | undefined>; body: string }>;
	connections(): Array<{ auth: { params: Record<string, string | undefined> } }>;
}

/** The distinct access tokens that requests carried (Authorization: Bearer …), in first-use order. */
export function accessTokensSent(emulator: Pick<SeenByEmulator, 'requests'>): string[] {
	const tokens = emulator
		.requests()
		.map((entry) => /^Bearer\s+(\S+)$/i.exec(entry.headers.authorization ?? '')?.[1])
		.filter((token): token is string => token !== undefined);
	return [...new Set(tokens)];
}

/** Passwords in a request body: a create body (auth.params.password) or a JSON Patch (…/password, /auth/params). */
export function passwordsInBody(body: string): string[] {
	if (!body || !body.includes('password')) return [];
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return [];
	}
	const found: string[] = [];
	const visit = (value: unknown): void => {
		if (Array.isArray(value)) {
			for (const entry of value) {
				const op = entry as { path?: unknown; value?: unknown };
				if (
					typeof op?.path === 'string' &&
					/\/password$/.test(op.path) &&
					typeof op.value === 'string'
				)
					found.push(op.value);
				else visit(entry);
			}
		} else if (value && typeof value === 'object') {
			for (const [key, child] of Object.entries(value)) {
				if (key === 'password' && typeof child === 'string') found.push(child);
				else visit(child);
			}
		}
	};
	visit(parsed);
	return found;
}

/** Every distinct Redshift password the emulator was sent (create bodies, password patches), in order. */
export function passwordsSent(emulator: Pick<SeenByEmulator, 'requests'>): string[] {
	return [...new Set(emulator.requests().flatMap((entry) => passwordsInBody(entry.body)))];
}

/** Every distinct Redshift password the emulator holds in a stored connection. */
export function passwordsStored(emulator: Pick<SeenByEmulator, 'connections'>): string[] {
	return [
		...new Set(
			emulator
				.connections()
				.flatMap((c) => (c.auth.params.password ? [c.auth.params.password] : [])),
		),
	];
}

/** Sent or stored, each once. */
export function passwordsSeen(emulator: SeenByEmulator): string[] {
	return [...new Set([...passwordsSent(emulator), ...passwordsStored(emulator)])];
}
