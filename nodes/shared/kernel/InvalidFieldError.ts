/**
 * Thrown by the pure validators: carries the field so the node can name it in the
 * NodeOperationError it raises before any request is sent.
 */
export class InvalidFieldError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InvalidFieldError';
	}
}
