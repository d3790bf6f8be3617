import {
	PAGE_SIZE,
	collectionFilters,
	listRequest,
	nameContains,
	nextPageRequest,
	singleItem,
	type CollectionFilter,
} from '../../../nodes/shared/flowService/paging';

// The filter rules every Flow Service collection is declared with (flowService/paging.ts), checked
// without HTTP: what is sent as `property=` and which listed objects are kept.

interface Listed {
	id: string;
	name?: string;
	state?: string;
	connectionSpec?: { id: string };
	params?: { tableName?: string };
	baseConnectionId?: string;
}

interface Filter extends CollectionFilter {
	baseConnectionId?: string;
	tableName?: string;
	ids?: string[];
	state?: string;
}

const SPEC = '3416976c-a9ca-4bba-901a-1f08f66978ff';
const filters = collectionFilters<Listed, Filter>({
	path: '/data/foundation/flowservice/sourceConnections',
	noun: 'source connection',
	connectionSpecId: SPEC,
	equals: { baseConnectionId: 'baseConnectionId', tableName: 'params.tableName' },
	anyOf: { ids: 'id' },
	properties: (filter) => (filter.state === undefined ? [] : [`state==${filter.state}`]),
	keep: (item, filter) => filter.state === undefined || item.state === filter.state,
	narrowHint: 'Narrow it.',
});

const orders: Listed = {
	id: 'a1',
	name: 'Redshift public.Orders',
	state: 'enabled',
	connectionSpec: { id: SPEC },
	params: { tableName: 'public.orders' },
	baseConnectionId: 'b1',
};

describe('collectionFilters: what is sent', () => {
	it('sends the connection spec, then each given exact filter, then the any-of lists, then the extra properties', () => {
		expect(
			filters.properties({
				state: 'enabled',
				ids: ['a1', 'a2'],
				tableName: 'public.orders',
				baseConnectionId: 'b1',
			}),
		).toEqual([
			`connectionSpec.id==${SPEC}`,
			'baseConnectionId==b1',
			'params.tableName==public.orders',
			'id==a1,a2',
			'state==enabled',
		]);
	});

	it('sends only the connection spec when no filter is given (an undefined key filters nothing)', () => {
		expect(filters.properties({ tableName: undefined, limit: 5 })).toEqual([
			`connectionSpec.id==${SPEC}`,
		]);
	});

	it('a collection without a connection spec sends no spec filter', () => {
		const plain = collectionFilters<Listed, Filter>({
			path: '/x',
			noun: 'run',
			narrowHint: '',
		});
		expect(plain.properties({})).toEqual([]);
		expect(plain.keep({ id: 'r1' }, {})).toBe(true);
	});

	it('an empty any-of list matches nothing (no request is sent for it); a missing or filled one does not', () => {
		expect(filters.matchesNothing({ ids: [] })).toBe(true);
		expect(filters.matchesNothing({})).toBe(false);
		expect(filters.matchesNothing({ ids: ['a1'] })).toBe(false);
	});
});

describe('collectionFilters: what is kept', () => {
	it('keeps an object that passes every filter, read at dotted paths', () => {
		expect(
			filters.keep(orders, {
				baseConnectionId: 'b1',
				tableName: 'public.orders',
				ids: ['a1'],
				state: 'enabled',
				nameContains: 'ORDERS',
			}),
		).toBe(true);
	});

	it.each<[string, Listed, Filter]>([
		['another connection spec', { ...orders, connectionSpec: { id: 'other' } }, {}],
		['no connection spec at all', { id: 'a1', name: 'x' }, {}],
		['another base connection', orders, { baseConnectionId: 'b2' }],
		['another table', orders, { tableName: 'public.customers' }],
		[
			'no params to read the table from',
			{ ...orders, params: undefined },
			{ tableName: 'public.orders' },
		],
		['an ID not in the any-of list', orders, { ids: ['a2', 'a3'] }],
		['a name without the text', orders, { nameContains: 'customers' }],
		["the collection's own rule (state)", orders, { state: 'disabled' }],
	])('drops an object with %s', (_, item, filter) => {
		expect(filters.keep(item, filter)).toBe(false);
	});

	it('drops listed items without a string id, whatever the filter', () => {
		expect(filters.keep({ ...orders, id: 7 as unknown as string }, {})).toBe(false);
		expect(filters.keep(null as unknown as Listed, {})).toBe(false);
	});

	it('a comma in a value cannot widen an any-of list (Adobe splits on commas; the check does not)', () => {
		expect(filters.keep({ ...orders, id: 'a1,a2' }, { ids: ['a1', 'a2'] })).toBe(false);
	});
});

describe('listRequest', () => {
	it('asks for at most PAGE_SIZE items, newest first, each property as its own parameter', () => {
		expect(listRequest('/p', 'prod', ['a==1', 'b==2'], { limit: 5000 })).toEqual({
			method: 'GET',
			path: '/p',
			qs: { property: ['a==1', 'b==2'], limit: PAGE_SIZE, orderby: '-createdAt' },
			sandboxName: 'prod',
		});
	});

	it('sends no property parameter when there is no filter, a smaller limit, and the order asked', () => {
		expect(listRequest('/p', 'dev', [], { limit: 3, orderBy: 'createdAt' }).qs).toEqual({
			limit: 3,
			orderby: 'createdAt',
		});
	});
});

describe('nextPageRequest', () => {
	it('turns a relative next link into a Flow Service request, keeping repeated property parameters', () => {
		expect(
			nextPageRequest(
				'/runs?property=a%3D%3D1&property=b%3D%3D2&continuationToken=t1&limit=100',
				'prod',
			),
		).toEqual({
			method: 'GET',
			path: '/data/foundation/flowservice/runs',
			qs: { continuationToken: 't1', limit: '100', property: ['a==1', 'b==2'] },
			sandboxName: 'prod',
		});
	});

	it('keeps a link that already carries the Flow Service base path as it is', () => {
		const request = nextPageRequest(
			'/data/foundation/flowservice/flows?continuationToken=t2',
			'dev',
		);
		expect(request.path).toBe('/data/foundation/flowservice/flows');
		expect(request.qs).toEqual({ continuationToken: 't2' });
	});
});

describe('nameContains', () => {
	it('matches any case, treats a missing name as empty, and no text as no filter', () => {
		expect(nameContains('Redshift Orders', 'orders')).toBe(true);
		expect(nameContains('Redshift Orders', 'customers')).toBe(false);
		expect(nameContains(undefined, 'x')).toBe(false);
		expect(nameContains(undefined, undefined)).toBe(true);
		expect(nameContains(42, '4')).toBe(true);
	});
});

describe('singleItem', () => {
	it("unwraps Adobe's {items: [object]} and accepts a bare object", () => {
		expect(singleItem({ items: [{ id: 'x', name: 'n' }] })).toEqual({ id: 'x', name: 'n' });
		expect(singleItem({ id: 'y' })).toEqual({ id: 'y' });
	});

	it('gives undefined when the answer holds no object with a string id', () => {
		expect(singleItem({ items: [] })).toBeUndefined();
		expect(singleItem({ items: [{ name: 'no id' }] })).toBeUndefined();
		expect(singleItem({ id: 3 })).toBeUndefined();
		expect(singleItem(null)).toBeUndefined();
		expect(singleItem('text')).toBeUndefined();
	});
});
