/**
 * Columns in the shape Adobe's explore documents them (a timestamp is `type: "string"` with
 * `meta:xdmType` / `xdm.format` `date-time`; dataflow-chain.md §1b), in n8n's engine against the
 * emulator: a column whose Redshift type changed from varchar to timestamp keeps its `type`, so
 * Create From Table must compare the XDM typing too. Every run is scanned for secrets.
 */
import type { IDataObject } from 'n8n-workflow';

import { isErrorItem } from '../../support/redshift/kit';
import { ORDER_COLUMNS, useAepEmulator } from '../../support/platform/kit';

jest.setTimeout(60_000);

const aep = useAepEmulator('dataflow');

/** public.orders as it was while `ordered_at` was a varchar: same names, same `type` values. */
const VARCHAR_ORDERED_AT: IDataObject[] = ORDER_COLUMNS.map((column) =>
	column.name === 'ordered_at'
		? { name: 'ordered_at', type: 'string', xdm: { type: 'string' } }
		: column,
);

describe('Create From Table compares the XDM typing of columns', () => {
	it('explore answers ordered_at as Adobe documents a timestamp', () => {
		expect(ORDER_COLUMNS.find((column) => column.name === 'ordered_at')).toEqual({
			name: 'ordered_at',
			type: 'string',
			'meta:xdmType': 'date-time',
			xdm: { type: 'string', format: 'date-time' },
		});
	});

	it('a source connection that read ordered_at as a string is not reused for the timestamp table', async () => {
		const parameters = await aep.fromTable();
		const stale = await aep.seedSourceConnection({
			baseConnectionId: (parameters.connectionId as { value: string }).value,
			name: 'old source',
			columns: VARCHAR_ORDERED_AT,
		});
		const run = await aep.run([{}], parameters);
		expect(run.json.filter(isErrorItem)).toEqual([]);
		expect(run.json[0].sourceConnectionId).not.toBe(stale);
	});

	it('a chain whose source connection read ordered_at as a string is drift, named with its XDM typing', async () => {
		const parameters = await aep.fromTable();
		const { flowId } = await aep.seedChain(parameters, { columns: VARCHAR_ORDERED_AT });
		const refused = await aep.run([{}], parameters);
		expect(refused.json[0].error).toContain(`(ID ${flowId})`);
		expect(refused.json[0].error).toContain('columns: stored');
		expect(refused.json[0].error).toContain('ordered_at string (date-time)');
	});
});
