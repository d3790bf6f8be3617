import { connectionOutput } from '../../../../nodes/shared/resources/baseConnection/output';

describe('connectionOutput', () => {
	it('keeps the etag exactly, quotes included, and carries no secrets', () => {
		const output = connectionOutput(
			'373e88fc-43da-4e3c-be88-fc43da3e3c0f',
			'"1700ce7b-0000-0200-0000-5e3b405e0000"',
			'n',
			'aws',
			'prod',
		);
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
