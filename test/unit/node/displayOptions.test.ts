import type { INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../nodes/shared/node/displayOptions';

const plain: INodeProperties = { displayName: 'Name', name: 'name', type: 'string', default: '' };
const awsOnly: INodeProperties = {
	displayName: 'Schema',
	name: 'schema',
	type: 'string',
	default: '',
	displayOptions: { show: { hosting: ['aws'] }, hide: { mode: ['x'] } },
};

describe('updateDisplayOptions', () => {
	const where = { show: { resource: ['baseConnection'], operation: ['create'] } };

	it('adds the group condition to a field without its own', () => {
		const [field] = updateDisplayOptions(where, [plain]);
		expect(field.displayOptions).toEqual({
			show: { resource: ['baseConnection'], operation: ['create'] },
		});
	});

	it('keeps the field own show and hide keys next to the group ones', () => {
		const [field] = updateDisplayOptions(where, [awsOnly]);
		expect(field.displayOptions).toEqual({
			show: { resource: ['baseConnection'], operation: ['create'], hosting: ['aws'] },
			hide: { mode: ['x'] },
		});
	});

	it('lets the field narrow a key the group also sets', () => {
		const narrow: INodeProperties = {
			...plain,
			displayOptions: { show: { operation: ['create'] } },
		};
		const [field] = updateDisplayOptions({ show: { operation: ['create', 'update'] } }, [narrow]);
		expect(field.displayOptions?.show?.operation).toEqual(['create']);
	});

	it('copies fields, so one factory result can be shown in two places', () => {
		const [a] = updateDisplayOptions(where, [awsOnly]);
		const [b] = updateDisplayOptions(
			{ show: { resource: ['baseConnection'], operation: ['update'] } },
			[awsOnly],
		);
		expect(a.displayOptions?.show?.operation).toEqual(['create']);
		expect(b.displayOptions?.show?.operation).toEqual(['update']);
		expect(awsOnly.displayOptions).toEqual({ show: { hosting: ['aws'] }, hide: { mode: ['x'] } });
	});
});
