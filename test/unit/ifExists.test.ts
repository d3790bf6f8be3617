import { InvalidFieldError } from '../../nodes/shared/InvalidFieldError';
import { checkIfExists, ifExistsOptions } from '../../nodes/shared/ifExists';

const REF = { field: 'sourceIfExists', label: 'If It Exists' };

describe('checkIfExists', () => {
	it('takes the three values and falls back when nothing is stored', () => {
		expect(['reuse', 'create', 'error'].map((value) => checkIfExists(REF, value))).toEqual(['reuse', 'create', 'error']);
		expect(checkIfExists(REF, undefined)).toBe('reuse');
		expect(checkIfExists(REF, '', 'create')).toBe('create');
	});

	it('refuses anything else, naming the field as the UI shows it', () => {
		let error: InvalidFieldError | undefined;
		try {
			checkIfExists(REF, 'Reuse It');
		} catch (e) {
			error = e as InvalidFieldError;
		}
		expect(error).toBeInstanceOf(InvalidFieldError);
		expect(error?.field).toBe('sourceIfExists');
		expect(error?.message).toBe('"If It Exists" must be "reuse" (Reuse It), "create" (Create Another) or "error" (Stop With an Error); got "Reuse It".');
	});
});

it('ifExistsOptions: the three options in dropdown order, named for the object', () => {
	const options = ifExistsOptions('source connection');
	expect(options.map((option) => [option.name, option.value])).toEqual([
		['Create Another', 'create'],
		['Reuse It', 'reuse'],
		['Stop With an Error', 'error'],
	]);
	expect(options[2].description).toContain("source connection's ID");
});
