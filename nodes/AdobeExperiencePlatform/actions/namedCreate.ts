import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { descriptionField, nameField } from '../../shared/node/commonFields';
import { createOperation, type CreateSpec } from '../../shared/node/handlers';
import { ifExistsField } from '../../shared/flowService/ifExists';
import type { ItemOperation } from '../../shared/node/operations';
import type { FieldRef } from '../../shared/kernel/validation';
import { readDescription, readName } from '../../shared/node/readers';

/** What a create of this node that makes a named object (Dataset, Target Connection, Mapping Set) says of it. */
export interface NamedObject {
	/** Lower-case noun, e.g. "target connection". */
	thing: string;
	/** The Name field (its parameter and label, from FIELDS). */
	name: FieldRef;
	/** An example name. */
	placeholder: string;
	/** The Name field's help. */
	nameHelp: string;
	/** Whether the create has the optional Description field. */
	description: boolean;
}

/** A named create's own part: reading its other fields, the ensure and the output (see CreateSpec). */
export interface NamedCreateSpec<I, R>
	extends Omit<
		CreateSpec<{ name: string; description?: string } & I, R>,
		'ifExists' | 'readInput'
	> {
	/** Reads and checks the create's own fields (not Name, Description or If It Exists); nothing is sent. */
	readInput(this: IExecuteFunctions, itemIndex: number): I;
}

/** "Target Connection" from "target connection". */
function titleCase(thing: string): string {
	return thing.replace(/(^|\s)\S/g, (letter) => letter.toUpperCase());
}

/** A create of a named object with Name, Description and If It Exists (default Reuse It) declared once. */
export function namedCreate(object: NamedObject) {
	const article = /^[aeiou]/i.test(object.thing) ? 'an' : 'a';
	const ifExists = {
		field: 'ifExists',
		label: `If ${article} ${titleCase(object.thing)} With This Name Exists`,
	};
	return {
		/** Name, then `own`, then Description (if any), then "If a <Thing> With This Name Exists". */
		fields: (own: INodeProperties[]): INodeProperties[] => [
			nameField(object.name.label, object.name.field, object.placeholder, object.nameHelp),
			...own,
			...(object.description ? [descriptionField(object.thing)] : []),
			ifExistsField(ifExists.label, object.thing),
		],
		/** Reads fields in the editor's order (so the first bad one is named), then If It Exists and sandbox. */
		operation: <I extends object, R>(spec: NamedCreateSpec<I, R>): ItemOperation =>
			createOperation({
				...spec,
				ifExists,
				readInput(itemIndex) {
					const name = readName.call(this, object.name, itemIndex);
					const own = spec.readInput.call(this, itemIndex);
					if (!object.description) return { name, ...own };
					const description = readDescription.call(this, itemIndex) || undefined;
					return { name, ...own, description };
				},
			}),
	};
}
