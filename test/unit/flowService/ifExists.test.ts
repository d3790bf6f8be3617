import { invalidField } from '../../support/invalidField';
import { checkIfExists, ifExistsField } from '../../../nodes/shared/flowService/ifExists';

describe('checkIfExists', () => {
	it('takes the three values and falls back when nothing is stored', () => {
		expect(
			['reuse', 'create', 'error'].map((value) => checkIfExists('If It Exists', value)),
		).toEqual(['reuse', 'create', 'error']);
		expect(checkIfExists('If It Exists', undefined)).toBe('reuse');
		expect(checkIfExists('If It Exists', undefined, 'create')).toBe('create');
	});

	it('refuses anything else, naming the label and pointing at the parameter (ifExists unless given)', () => {
		expect(
			invalidField(() => checkIfExists('If a Dataset With This Name Exists', 'Reuse It')).field,
		).toBe('ifExists');
		const error = invalidField(() =>
			checkIfExists('If It Exists', 'maybe', 'reuse', 'sourceIfExists'),
		);
		expect(error.field).toBe('sourceIfExists');
		expect(error.message).toBe('"If It Exists" must be "reuse", "create" or "error"; got "maybe".');
	});
});

it('ifExistsField: the three options in dropdown order, Reuse It by default, named for the object', () => {
	const field = ifExistsField('If It Exists', 'source connection');
	expect(
		field.options?.map((option) => ('value' in option ? [option.name, option.value] : [])),
	).toEqual([
		['Create Another', 'create'],
		['Reuse It', 'reuse'],
		['Stop With an Error', 'error'],
	]);
	expect(field.default).toBe('reuse');
});
