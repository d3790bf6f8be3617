import {
	catalogNameQuery,
	catalogPageQuery,
	parseCatalogCreated,
	parseCatalogObject,
	parseCatalogPage,
} from '../../../nodes/shared/flowService/startPaging';
import { invalidField } from '../../support/invalidField';

describe('catalogPageQuery', () => {
	it('always sends properties, comma-joined', () => {
		expect(catalogPageQuery({ start: 40, limit: 20, properties: ['name', 'schemaRef'] })).toEqual({
			start: '40',
			limit: '20',
			properties: 'name,schemaRef',
		});
	});
	it.each<[string, Record<string, unknown>]>([
		['limit', { limit: 0 }],
		['limit', { limit: 101 }],
		['start', { start: -1 }],
		['properties', { properties: [] }],
		['properties', { properties: ['schemaRef.id'] }],
	])('refuses a bad %s', (field, change) => {
		expect(
			invalidField(() =>
				catalogPageQuery({ start: 0, limit: 20, properties: ['name'], ...change } as never),
			).field,
		).toBe(field);
	});
});

describe('parseCatalogPage', () => {
	const page = { a1: { name: 'A' }, b2: { name: 'B' } };
	it('turns an object keyed by ID into a list and gives the next start on a full page', () => {
		expect(parseCatalogPage(page, { start: 10, limit: 2 })).toEqual({
			items: [
				{ name: 'A', id: 'a1' },
				{ name: 'B', id: 'b2' },
			],
			nextStart: 12,
		});
	});
	it('stops on a short or empty page', () => {
		expect(parseCatalogPage(page, { start: 0, limit: 3 }).nextStart).toBeUndefined();
		expect(parseCatalogPage({}, { start: 0, limit: 3 })).toEqual({ items: [] });
	});
	it('refuses an array', () =>
		expect(() => parseCatalogPage([{ id: 'x' }], { start: 0, limit: 2 })).toThrow(/keyed by ID/));
});

describe('parseCatalogObject / parseCatalogCreated', () => {
	it('unwraps GET /dataSets/{id}', () => {
		expect(parseCatalogObject({ d1: { name: 'D', schemaRef: { id: 's' } } }, 'd1')).toEqual({
			id: 'd1',
			name: 'D',
			schemaRef: { id: 's' },
		});
		expect(() => parseCatalogObject({ d2: {} }, 'd1')).toThrow(/d1/);
	});
	it('strips @/dataSets/ from the create answer', () => {
		expect(parseCatalogCreated(['@/dataSets/5ba9452f7de80400007fc52a'])).toBe(
			'5ba9452f7de80400007fc52a',
		);
		expect(() => parseCatalogCreated({ id: 'x' })).toThrow();
		expect(() => parseCatalogCreated(['@/dataSets/'])).toThrow();
	});
});

describe('catalogNameQuery', () => {
	it('passes a plain name and escapes * as **', () => {
		expect(catalogNameQuery('Orders')).toBe('Orders');
		expect(catalogNameQuery('Orders*EU')).toBe('Orders**EU');
	});
	it('narrows a name with a comma to its head and a wildcard (Catalog reads a comma as "any of")', () => {
		expect(catalogNameQuery('Orders, EU')).toBe('Orders*');
		expect(catalogNameQuery('a*,b')).toBe('a***');
	});
	it('replaces a leading ! (Catalog reads it as "not") with a wildcard', () => {
		expect(catalogNameQuery('!important')).toBe('*important');
	});
});
