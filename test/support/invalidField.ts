import { InvalidFieldError } from '../../nodes/shared/kernel/validation';

/** The InvalidFieldError `run` throws; fails the test if it returns or throws anything else. */
export function invalidField(run: () => unknown): InvalidFieldError {
	try {
		run();
	} catch (error) {
		if (error instanceof InvalidFieldError) return error;
		throw error;
	}
	throw new Error('expected an InvalidFieldError');
}
