import { buildCreateConnectionBody } from '../../../../nodes/shared/resources/baseConnection/body';
import {
	CLOCK_SKEW_MS,
	changesAlreadyApplied,
	findCreatedConnection,
	isConnectionFromAttempt,
} from '../../../../nodes/shared/resources/baseConnection/recovery';
import {
	checkConnectionChanges,
	checkCreateConnection,
} from '../../../../nodes/shared/resources/baseConnection/validation';
import { NO_CHANGES as none, createInput } from '../../../support/connectionInput';

describe('isConnectionFromAttempt', () => {
	const body = buildCreateConnectionBody(checkCreateConnection(createInput()));
	const sentAt = Date.parse('2026-11-27T10:00:00Z');
	const stored = {
		name: 'c1',
		createdAt: sentAt + 100,
		auth: {
			params: {
				server: 'h.example.com',
				port: '5439',
				username: 'u',
				database: 'dev',
				schema: 'public',
				password: '***',
			},
		},
	};

	it('matches the connection our request created', () =>
		expect(isConnectionFromAttempt(stored, body, sentAt)).toBe(true));
	it('ignores another name', () =>
		expect(isConnectionFromAttempt({ ...stored, name: 'c2' }, body, sentAt)).toBe(false));
	it('ignores one created long before this attempt', () =>
		expect(
			isConnectionFromAttempt({ ...stored, createdAt: sentAt - 3_600_000 }, body, sentAt),
		).toBe(false));
	it('ignores one pointing at another database', () =>
		expect(
			isConnectionFromAttempt(
				{ ...stored, auth: { params: { ...stored.auth.params, database: 'other' } } },
				body,
				sentAt,
			),
		).toBe(false));

	it("accepts one created up to CLOCK_SKEW_MS before the attempt (Adobe's clock may lag), not earlier", () => {
		expect(
			isConnectionFromAttempt({ ...stored, createdAt: sentAt - CLOCK_SKEW_MS }, body, sentAt),
		).toBe(true);
		expect(
			isConnectionFromAttempt({ ...stored, createdAt: sentAt - CLOCK_SKEW_MS - 1 }, body, sentAt),
		).toBe(false);
	});
	it('matches on name alone when the listing shows no sign-in parameters', () =>
		expect(isConnectionFromAttempt({ name: 'c1' }, body, sentAt)).toBe(true));
});

describe('findCreatedConnection', () => {
	const body = buildCreateConnectionBody(
		checkCreateConnection(createInput({ hosting: 'azure', schema: undefined })),
	);
	const sentAt = Date.parse('2026-11-27T10:00:00Z');
	const params = { server: 'h.example.com', port: '5439', username: 'u', database: 'dev' };
	const earlier = { id: 'earlier', name: 'c1', createdAt: sentAt - 1000, auth: { params } };
	const ours = { id: 'ours', name: 'c1', createdAt: sentAt + 100, auth: { params } };

	it('never returns a same-name connection listed before the POST, even within the clock-skew window', () =>
		expect(findCreatedConnection([earlier], body, sentAt, new Set(['earlier']))).toBeUndefined());
	it('returns the one the attempt made', () =>
		expect(findCreatedConnection([earlier, ours], body, sentAt, new Set(['earlier']))).toBe(ours));
	it('finds nothing in an empty listing', () =>
		expect(findCreatedConnection([], body, sentAt, new Set())).toBeUndefined());
});

describe('changesAlreadyApplied', () => {
	const sentAt = Date.parse('2026-11-27T10:00:00Z');
	const current = {
		name: 'New',
		description: 'd',
		updatedAt: sentAt + 50,
		auth: { params: { server: 'h2.example.com', port: '5440', username: 'u' } },
	};
	it('sees visible changes in place', () =>
		expect(
			changesAlreadyApplied(
				current,
				checkConnectionChanges({ ...none, name: 'New', server: 'h2.example.com', port: 5440 }),
			),
		).toBe(true));
	it('notices a change that is not there', () =>
		expect(changesAlreadyApplied(current, checkConnectionChanges({ ...none, name: 'Other' }))).toBe(
			false,
		));
	it('never takes a password-only change as proven (Adobe masks the password; a recent updatedAt may be another writer)', () => {
		const change = checkConnectionChanges({ ...none, password: 'n3w' });
		expect(changesAlreadyApplied(current, change)).toBe(false);
	});
});
