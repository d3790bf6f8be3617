import type { IExecuteFunctions } from 'n8n-workflow';

import { DATASET_ID_PATTERN } from '../../shared/resources/dataset/api';
import { MAPPING_SET_ID_PATTERN } from '../../shared/resources/mappingSet/api';
import { InvalidFieldError } from '../../shared/kernel/InvalidFieldError';
import { locatorValue, readParameter } from '../../shared/node/readers';
import { CONNECTION_ID_PATTERN, checkText, type FieldRef } from '../../shared/kernel/validation';
import { FIELDS, LIMITS } from './fields';

/** The modes of every picker of this node (From List, By ID). */
const PICKER_MODES = ['list', 'id'];

/**
 * The checked ID a picker holds (From List or By ID, or a plain string from an expression).
 * @param pattern the ID's regex source, as the By ID mode checks it in the editor
 * @param example an ID of that kind, for the message
 * @throws InvalidFieldError naming the field
 */
export function readPickedId(
	this: IExecuteFunctions,
	ref: FieldRef,
	itemIndex: number,
	pattern: string,
	example: string,
): string {
	const value = locatorValue(ref, readParameter.call(this, ref.field, itemIndex), PICKER_MODES);
	const id = checkText(ref, value, { required: true, maxLength: LIMITS.id });
	if (!new RegExp(pattern).test(id)) {
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" "${id}" is not a valid ID: expected an ID such as ${example}.`,
		);
	}
	return id;
}

/** A name field: required text, one line, at most LIMITS.name characters. */
export function readName(this: IExecuteFunctions, ref: FieldRef, itemIndex: number): string {
	return checkText(ref, readParameter.call(this, ref.field, itemIndex), {
		required: true,
		maxLength: LIMITS.name,
	});
}

/** The Name filter of a Get Many (`filters.name`): one line, at most LIMITS.name characters; undefined when empty. */
export function readNameFilter(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return (
		checkText(FIELDS.nameFilter, readParameter.call(this, FIELDS.nameFilter.field, itemIndex), {
			maxLength: LIMITS.name,
		}) || undefined
	);
}

/** An optional multi-line Description, at most LIMITS.description characters ('' when empty). */
export function readDescription(this: IExecuteFunctions, ref: FieldRef, itemIndex: number): string {
	return checkText(ref, readParameter.call(this, ref.field, itemIndex), {
		maxLength: LIMITS.description,
		allowLineBreaks: true,
	});
}

/** Like readPickedId, for an optional picker (e.g. a filter): undefined when empty or not added. */
export function readOptionalPickedId(
	this: IExecuteFunctions,
	ref: FieldRef,
	itemIndex: number,
	pattern: string,
	example: string,
): string | undefined {
	const value = locatorValue(ref, readParameter.call(this, ref.field, itemIndex), PICKER_MODES);
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return readPickedId.call(this, ref, itemIndex, pattern, example);
}

/** The Dataset picker's ID (24 hexadecimal characters), checked. */
export function readDatasetId(this: IExecuteFunctions, itemIndex: number): string {
	return readPickedId.call(
		this,
		FIELDS.datasetId,
		itemIndex,
		DATASET_ID_PATTERN,
		'5ba9452f7de80400007fc52a',
	);
}

/** The Target Connection picker's ID (a UUID), checked. */
export function readTargetConnectionId(this: IExecuteFunctions, itemIndex: number): string {
	return readPickedId.call(
		this,
		FIELDS.targetConnectionId,
		itemIndex,
		CONNECTION_ID_PATTERN,
		'373e88fc-43da-4e3c-be88-fc43da3e3c0f',
	);
}

/** The Mapping Set picker's ID (32 hexadecimal characters), checked. */
export function readMappingSetId(this: IExecuteFunctions, itemIndex: number): string {
	return readPickedId.call(
		this,
		FIELDS.mappingSetId,
		itemIndex,
		MAPPING_SET_ID_PATTERN,
		'0f1e2d3c4b5a69788796a5b4c3d2e1f0',
	);
}
