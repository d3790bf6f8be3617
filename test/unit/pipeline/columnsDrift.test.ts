/** columnsDrift on columns in the shape Adobe's explore documents (dataflow-chain.md §1b). */
import { columnsDrift } from '../../../nodes/shared/pipeline/drift';

const varchar = (name: string) => ({ name, type: 'string', xdm: { type: 'string' } });
const typed = (name: string, format: 'date' | 'date-time') => ({
	name,
	type: 'string',
	'meta:xdmType': format,
	xdm: { type: 'string', format },
});

describe('columnsDrift with explore-shaped columns', () => {
	it('a varchar that became a timestamp differs, though its type is "string" both times', () => {
		expect(columnsDrift([varchar('ordered_at')], [typed('ordered_at', 'date-time')])).toEqual([
			{
				field: 'columns',
				stored: ['ordered_at string'],
				input: ['ordered_at string (date-time)'],
			},
		]);
	});

	it('a date that became a timestamp differs', () => {
		expect(
			columnsDrift([typed('signed_up', 'date')], [typed('signed_up', 'date-time')]),
		).toHaveLength(1);
	});

	it('a double shows its XDM type; the same columns in another order do not differ', () => {
		const total = { name: 'total', type: 'double', xdm: { type: 'number' } };
		const at = typed('ordered_at', 'date-time');
		expect(columnsDrift([total, at], [at, total])).toEqual([]);
		expect(columnsDrift([total], [])).toEqual([
			{ field: 'columns', stored: ['total double (xdm number)'], input: [] },
		]);
	});
});
