import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Merges a group's `displayOptions` into each field's (n8n's `updateDisplayOptions` is not exported to every package). */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: mergeDisplayOptions(displayOptions, property.displayOptions ?? {}),
	}));
}

type Conditions = NonNullable<IDisplayOptions['show']>;

function mergeConditions(
	outer: Conditions | undefined,
	own: Conditions | undefined,
): Conditions | undefined {
	if (!outer) return own;
	if (!own) return { ...outer };
	// The field's own condition on a key wins: it is narrower than the group's.
	return { ...outer, ...own };
}

function mergeDisplayOptions(outer: IDisplayOptions, own: IDisplayOptions): IDisplayOptions {
	const result: IDisplayOptions = {};
	const show = mergeConditions(outer.show, own.show);
	const hide = mergeConditions(outer.hide, own.hide);
	if (show) result.show = show;
	if (hide) result.hide = hide;
	return result;
}

/** `field` shown only on the node versions `versions` (a displayOptions `@version` condition). */
export function onVersions(
	field: INodeProperties,
	versions: NonNullable<IDisplayOptions['show']>['@version'],
): INodeProperties {
	return { ...field, displayOptions: { show: { '@version': versions } } };
}
