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

/** A field as the user sees it: `label` is the display name, `field` the parameter name. */
export interface FieldRef {
	field: string;
	label: string;
	/** Longest text accepted (characters), used by checkText when its rules give no maxLength. */
	maxLength?: number;
}

/** How a pure builder is told a field: its reference (errors quote the label) or a bare parameter name. */
export type FieldKey = FieldRef | string;

/** The parameter path an error points at. */
export function fieldPath(key: FieldKey): string {
	return typeof key === 'string' ? key : key.field;
}

/** The field as an error quotes it: "Label" for a reference, 'name' for a bare parameter name. */
export function quoteField(key: FieldKey): string {
	return typeof key === 'string' ? `'${key}'` : `"${key.label}"`;
}

/** Whether text holds a control character other than tab/CR/LF. A loop, since lint forbids them in regexes. */
function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x7f || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d))
			return true;
	}
	return false;
}
const LINE_BREAKS = /[\r\n\t]/;

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export interface TextRules {
	required?: boolean;
	maxLength?: number;
	/** Keep surrounding spaces (passwords); the value is still rejected when it is only spaces. */
	keepSpaces?: boolean;
	allowLineBreaks?: boolean;
}

/**
 * A text field: strings only (an expression that resolves to an object or a number is a mistake
 * the user should hear about), trimmed, length-limited, no control characters.
 */
export function checkText(
	{ field, label, maxLength = Infinity }: FieldRef,
	value: unknown,
	rules: TextRules = {},
): string {
	if (value === undefined || value === null) value = '';
	if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
	if (typeof value !== 'string') {
		throw new InvalidFieldError(
			field,
			`"${label}" must be text, but the value is ${describeType(value)}. If it comes from an expression, pick a text property (e.g. {{ $json.${field} }}).`,
		);
	}
	const trimmed = value.trim();
	if (trimmed === '') {
		if (rules.required)
			throw new InvalidFieldError(
				field,
				`"${label}" is required and cannot be empty or only spaces.`,
			);
		return '';
	}
	const result = rules.keepSpaces ? value : trimmed;
	const limit = rules.maxLength ?? maxLength;
	if (result.length > limit) {
		throw new InvalidFieldError(
			field,
			`"${label}" is too long (${result.length} characters); at most ${limit} are allowed.`,
		);
	}
	if (hasControlCharacter(result) || (!rules.allowLineBreaks && LINE_BREAKS.test(result))) {
		throw new InvalidFieldError(
			field,
			`"${label}" contains line breaks, tabs or other control characters, which are not allowed.`,
		);
	}
	return result;
}

const SANDBOX_NAME = /^[a-z0-9](?:[a-z0-9-]{0,254})$/;

export function checkSandboxName(ref: FieldRef, value: unknown): string {
	const name = checkText(ref, value, { required: true, maxLength: 255 });
	if (name !== name.toLowerCase() && SANDBOX_NAME.test(name.toLowerCase())) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" must be the sandbox's lower-case technical name, e.g. "${name.toLowerCase()}" instead of "${name}".`,
		);
	}
	if (!SANDBOX_NAME.test(name)) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" "${name}" is not a sandbox name: use the technical name (lower-case letters, digits and hyphens), e.g. "prod".`,
		);
	}
	return name;
}

export function checkOrgId(ref: FieldRef, value: unknown): string {
	const orgId = checkText(ref, value, { required: true, maxLength: 255 });
	if (!/^[A-Za-z0-9]+@AdobeOrg$/.test(orgId)) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" must be an IMS organization ID ending in @AdobeOrg, e.g. 0123456789ABCDEF01234567@AdobeOrg.`,
		);
	}
	return orgId;
}

/** A Flow Service resource ID (a UUID), as a pattern string for the editor's By ID validation too. */
export const CONNECTION_ID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const CONNECTION_ID = new RegExp(CONNECTION_ID_PATTERN);

/** Is this a Flow Service resource ID (a UUID)? */
export function isConnectionId(value: unknown): value is string {
	return typeof value === 'string' && CONNECTION_ID.test(value);
}

export function checkConnectionId(ref: FieldRef, value: unknown): string {
	return checkFlowServiceId(ref, value, 'connection ID', 'the "id" output of a Create node');
}

/**
 * A Flow Service resource ID: a UUID, trimmed.
 * @throws InvalidFieldError naming the field
 */
export function checkFlowServiceId(
	ref: FieldRef,
	value: unknown,
	noun: string,
	source: string,
): string {
	const id = checkText(ref, value, { required: true, maxLength: 64 });
	if (!CONNECTION_ID.test(id)) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" "${id}" is not a ${noun}: expected a UUID such as 373e88fc-43da-4e3c-be88-fc43da3e3c0f (${source}).`,
		);
	}
	return id;
}

const ETAG = /^(W\/)?"[^"\r\n]+"$/;

/** The ETag field of every Update (see etagField in shared/node/commonFields.ts): parameter, label, longest value. */
export const ETAG_FIELD = {
	field: 'etag',
	label: 'ETag',
	maxLength: 200,
} as const satisfies FieldRef;

/**
 * The optional ETag field (parameter `etag`): empty → undefined (the node fetches the current
 * one); else the etag exactly as Adobe returned it, double quotes included.
 * @throws InvalidFieldError naming "ETag"
 */
export function checkEtag(value: unknown): string | undefined {
	const etag = checkText(ETAG_FIELD, value);
	if (!etag) return undefined;
	if (!ETAG.test(etag)) {
		throw new InvalidFieldError(
			ETAG_FIELD.field,
			`"${ETAG_FIELD.label}" must be the etag exactly as Adobe returned it, including its double quotes, e.g. "\\"1700ce7b-0000-0200-0000-5e3b405e0000\\""; got ${JSON.stringify(etag)}. Leave it empty to use the current etag.`,
		);
	}
	return etag;
}
