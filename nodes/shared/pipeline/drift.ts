/**
 * Drift: how an existing Create From Table chain differs from what a run asks for (pure). Each
 * difference names the field, the value stored in Adobe and the value of the input, so the output
 * or the error says exactly what differs.
 */
import type { SourceColumn } from './autoMapping';

/** One difference between what Adobe stores and the input. */
export interface DriftEntry {
	/** What differs, e.g. `columns`, `scheduleParams.interval`, `deltaColumn`, `mappings`. */
	field: string;
	stored: unknown;
	input: unknown;
}

/**
 * A column as compared and shown: `name type`, then its XDM typing when it says more than `type`
 * does, e.g. `ordered_at string (date-time)`. Explore gives a Redshift timestamp, date and varchar
 * all as `type: "string"`; only `meta:xdmType` and `xdm.format` tell them apart (Adobe's "Explore
 * data tables" tutorial, dataflow-chain.md §1b).
 */
function columnKey(column: SourceColumn): string {
	const marks = [column['meta:xdmType'], column.xdm?.format];
	if (column.xdm?.type !== undefined && column.xdm.type !== column.type)
		marks.unshift(`xdm ${column.xdm.type}`);
	const shown = [...new Set(marks.filter((mark): mark is string => !!mark))];
	return `${column.name} ${column.type}${shown.length ? ` (${shown.join(', ')})` : ''}`;
}

/**
 * The columns drift of a source connection (names, source types and XDM types, any order), or
 * none. Shown as the sorted column lists (see `columnKey`).
 */
export function columnsDrift(stored: SourceColumn[], now: SourceColumn[]): DriftEntry[] {
	return setDrift('columns', stored.map(columnKey), now.map(columnKey));
}

/** Two lists compared as sets of strings (any order); shown sorted. */
function setDrift(field: string, stored: string[], input: string[]): DriftEntry[] {
	const a = [...stored].sort();
	const b = [...input].sort();
	return a.length === b.length && a.every((key, index) => key === b[index])
		? []
		: [{ field, stored: a, input: b }];
}

/** A mapping as compared: `source -> destination`. */
export interface MappingLike {
	source?: unknown;
	destination?: unknown;
	sourceAttribute?: unknown;
	destinationXdmPath?: unknown;
}

function mappingKey(mapping: MappingLike): string {
	return `${String(mapping.source ?? mapping.sourceAttribute)} -> ${String(mapping.destination ?? mapping.destinationXdmPath)}`;
}

/** The mappings drift (each `source -> destination`, any order), or none; GET's alias pairs are read too. */
export function mappingsDrift(stored: MappingLike[], wanted: MappingLike[]): DriftEntry[] {
	return setDrift('mappings', stored.map(mappingKey), wanted.map(mappingKey));
}

/** What a dataflow stores that a Create From Table input also sets. */
export interface FlowSettings {
	frequency?: unknown;
	interval?: unknown;
	/** Epoch seconds. */
	startTime?: unknown;
	/** The Copy transformation's delta column name (undefined: none). */
	deltaColumn?: unknown;
	/** The delta column's `dateFormat` (undefined: none). */
	deltaDateFormat?: unknown;
	/** `scheduleParams.backfill` (undefined: Adobe's default, true; none for once). */
	backfill?: unknown;
}

/**
 * The schedule and delta column drift of a dataflow: frequency, interval, the start time (epoch s;
 * compared only when the input gives one, since an empty Start Time means "now"), backfill (absent
 * means Adobe's default, true), the delta column and its date format. Numbers stored as digit strings (as Adobe's examples send them) compare as numbers.
 */
export function flowDrift(
	stored: FlowSettings,
	input: FlowSettings & { startTimeGiven: boolean },
): DriftEntry[] {
	const same = (a: unknown, b: unknown) =>
		a === b || (a !== undefined && b !== undefined && String(a) === String(b));
	const drift: DriftEntry[] = [];
	const check = (field: string, a: unknown, b: unknown) => {
		if (!same(a, b)) drift.push({ field, stored: a ?? null, input: b ?? null });
	};
	check('scheduleParams.frequency', stored.frequency, input.frequency);
	check('scheduleParams.interval', stored.interval, input.interval);
	if (input.startTimeGiven) check('scheduleParams.startTime', stored.startTime, input.startTime);
	if (stored.frequency !== 'once' && input.frequency !== 'once')
		check('scheduleParams.backfill', stored.backfill ?? true, input.backfill ?? true);
	check('deltaColumn', stored.deltaColumn, input.deltaColumn);
	check('deltaColumn.dateFormat', stored.deltaDateFormat, input.deltaDateFormat);
	return drift;
}

/** `field: stored X, input Y` lines for a message. */
export function describeDrift(drift: readonly DriftEntry[]): string {
	return drift
		.map(
			(entry) =>
				`${entry.field}: stored ${JSON.stringify(entry.stored)}, input ${JSON.stringify(entry.input)}`,
		)
		.join('; ');
}
