import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Where a group of fields is shown: merged into each field's own `displayOptions`.
 * Same idea as n8n's `updateDisplayOptions` (n8n-workflow does not export it to community
 * packages in every 1.x version, and we take no runtime dependency), so each operation file
 * states its visibility once instead of passing a `where` argument to every field factory.
 *
 * `show`/`hide` are merged key by key; a key set on both sides keeps the field's own values,
 * which are the narrower condition (e.g. a field shown only for `hosting: ['aws']`). Fields are
 * copied, never mutated, so one factory result can be shown in many places.
 *
 * @param displayOptions e.g. `{ show: { resource: ['baseConnection'], operation: ['get'] } }`
 * @param properties the fields of one operation
 * @returns new field objects with the merged `displayOptions`
 */
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
