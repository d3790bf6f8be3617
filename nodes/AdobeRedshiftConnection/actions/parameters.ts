import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { REDSHIFT_SIGN_IN_CREDENTIAL_TYPE } from '../../shared/kernel/constants';
import { InvalidFieldError } from '../../shared/kernel/InvalidFieldError';

import { readParameter } from '../../shared/node/readers';
import { checkConnectionId } from '../../shared/kernel/validation';
import { FIELDS } from '../../shared/resources/baseConnection/fields';
import { checkTablePath } from '../../shared/resources/baseConnection/validation';
import { SIGN_IN_FROM, type SignInFrom } from './common.fields';
import { locatorValue } from './locators';

// Generic readers live in shared/node/readers.ts; the operation files of this node import them from here.
export { chooseSandbox, readParameter, readSandbox } from '../../shared/node/readers';

/**
 * A checked connection ID from the Connection picker's stored value: a resource locator (From List
 * or By ID) or a plain string from a workflow saved before the picker. Throws InvalidFieldError.
 */
export function checkConnectionLocator(stored: unknown): string {
	return checkConnectionId(FIELDS.connectionId, locatorValue(FIELDS.connectionId, stored));
}

/** A checked source connection ID from the Source Connection picker (From List or By ID). Throws InvalidFieldError. */
export function checkSourceConnectionLocator(stored: unknown): string {
	return checkConnectionId(
		FIELDS.sourceConnectionId,
		locatorValue(FIELDS.sourceConnectionId, stored),
	);
}

/** The Connection picker's base connection ID, checked (see checkConnectionLocator). */
export function readConnectionId(this: IExecuteFunctions, itemIndex: number): string {
	return checkConnectionLocator(readParameter.call(this, FIELDS.connectionId.field, itemIndex));
}

/** The Source Connection picker's ID, checked (see checkSourceConnectionLocator). */
export function readSourceConnectionId(this: IExecuteFunctions, itemIndex: number): string {
	return checkSourceConnectionLocator(
		readParameter.call(this, FIELDS.sourceConnectionId.field, itemIndex),
	);
}

/** The Table picker's table path (From List or By Name), checked (see checkTablePath). */
export function readTablePath(this: IExecuteFunctions, itemIndex: number): string {
	return checkTablePath(
		locatorValue(FIELDS.tablePath, readParameter.call(this, FIELDS.tablePath.field, itemIndex)),
	);
}

/** The Redshift sign-in values (server, port, username, password, database) as given, before validation. */
export interface RedshiftSignInInput {
	server: unknown;
	port: unknown;
	username: unknown;
	password: unknown;
	database: unknown;
}

const SIGN_IN_KEYS = ['server', 'port', 'username', 'password', 'database'] as const;

/** Where this item's Redshift sign-in comes from; version 1 nodes default to Fields (see signInFromFields). */
function readSignInFrom(this: IExecuteFunctions, itemIndex: number): SignInFrom {
	const value = this.getNodeParameter(SIGN_IN_FROM, itemIndex, 'fields') as unknown;
	if (value === 'credential' || value === 'fields') return value;
	throw new InvalidFieldError(
		FIELDS.redshiftSignInFrom.field,
		`"${FIELDS.redshiftSignInFrom.label}" must be "credential" or "fields"; got ${JSON.stringify(value)}.`,
	);
}

/**
 * The sign-in from the Redshift Sign-In credential (Credential mode) or from `read(name)` (the
 * node's fields). A bad credential value fails with the credential's name, so people fix the
 * credential and not a field they cannot see.
 */
export async function readRedshiftSignIn(
	this: IExecuteFunctions,
	itemIndex: number,
	read: (name: (typeof SIGN_IN_KEYS)[number]) => unknown,
): Promise<{ from: SignInFrom; input: RedshiftSignInInput }> {
	const from = readSignInFrom.call(this, itemIndex);
	if (from === 'fields') {
		return {
			from,
			input: Object.fromEntries(
				SIGN_IN_KEYS.map((key) => [key, read(key)]),
			) as unknown as RedshiftSignInInput,
		};
	}
	const data = (await this.getCredentials(
		REDSHIFT_SIGN_IN_CREDENTIAL_TYPE,
		itemIndex,
	)) as IDataObject;
	return {
		from,
		input: Object.fromEntries(
			SIGN_IN_KEYS.map((key) => [key, data[key]]),
		) as unknown as RedshiftSignInInput,
	};
}

/** Validates sign-in values; in Credential mode a problem names the credential, not a node field. */
export function checkSignIn<T>(from: SignInFrom, check: () => T): T {
	let failure: unknown;
	try {
		return check();
	} catch (error) {
		failure = error;
	}
	if (
		from === 'credential' &&
		failure instanceof InvalidFieldError &&
		(SIGN_IN_KEYS as readonly string[]).includes(failure.field)
	) {
		throw new InvalidFieldError(
			`credential.${failure.field}`,
			`Redshift Sign-In credential: ${failure.message}`,
		);
	}
	throw failure;
}
