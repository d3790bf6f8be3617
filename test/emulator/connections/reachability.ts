/**
 * Convention for GET /test, explore and source connections: a server host ending in `.invalid`
 * (RFC 2606) or containing `unreachable` is treated as not reachable.
 */
export function isReachable(server: string): boolean {
	const host = server.toLowerCase();
	return !(host.endsWith('.invalid') || host.includes('unreachable'));
}
