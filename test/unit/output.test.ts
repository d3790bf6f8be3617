import { connectionOutput, isConnectionFromAttempt } from '../../nodes/AdobeRedshiftConnection/helpers/output';
import { buildCreateConnectionBody } from '../../nodes/AdobeRedshiftConnection/helpers/payload';
import { checkCreateConnection } from '../../nodes/AdobeRedshiftConnection/helpers/validation';

describe('connectionOutput', () => {
	it('keeps the etag exactly, quotes included, and carries no secrets', () => {
		const output = connectionOutput('373e88fc-43da-4e3c-be88-fc43da3e3c0f', '"1700ce7b-0000-0200-0000-5e3b405e0000"', 'n', 'aws', 'prod');
		expect(output).toEqual({
			id: '373e88fc-43da-4e3c-be88-fc43da3e3c0f',
			etag: '"1700ce7b-0000-0200-0000-5e3b405e0000"',
			name: 'n',
			hosting: 'aws',
			sandboxName: 'prod',
			connectionSpec: { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' },
		});
	});
});

describe('isConnectionFromAttempt', () => {
	const body = buildCreateConnectionBody(
		checkCreateConnection({ hosting: 'aws', name: 'c1', description: '', server: 'h.example.com', port: 5439, username: 'u', password: 'p', database: 'dev', schema: 'public' }),
	);
	const sentAt = Date.parse('2026-11-27T10:00:00Z');
	const stored = { name: 'c1', createdAt: sentAt + 100, auth: { params: { server: 'h.example.com', port: '5439', username: 'u', database: 'dev', schema: 'public', password: '***' } } };

	it('matches the connection our request created', () => expect(isConnectionFromAttempt(stored, body, sentAt)).toBe(true));
	it('ignores another name', () => expect(isConnectionFromAttempt({ ...stored, name: 'c2' }, body, sentAt)).toBe(false));
	it('ignores one created long before this attempt', () => expect(isConnectionFromAttempt({ ...stored, createdAt: sentAt - 3_600_000 }, body, sentAt)).toBe(false));
	it('ignores one pointing at another database', () =>
		expect(isConnectionFromAttempt({ ...stored, auth: { params: { ...stored.auth.params, database: 'other' } } }, body, sentAt)).toBe(false));
});
