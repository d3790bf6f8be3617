/**
 * Date-times from n8n's date picker, read in the workflow's time zone (as n8n's nodes do with Luxon),
 * with `Intl` since runtime dependencies are not allowed. Pure. Times are epoch ms.
 */
import { InvalidFieldError, fieldPath, quoteField, type FieldKey } from '../kernel/validation';

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const EXAMPLE = '2026-12-01T09:00:00';

/** One formatter per zone: building them is the slow part of Intl. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Whether `timeZone` is an IANA zone this Node knows (e.g. `Europe/Berlin`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
	try {
		formatterFor(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** The zone's offset from UTC at `epochMs`, in minutes (e.g. +60 for Berlin in winter). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs)))
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	const wall = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second,
	);
	return Math.round((wall - (epochMs - (((epochMs % 1000) + 1000) % 1000))) / 60_000);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Epoch ms of an ISO 8601 string; without an offset it is read in `timeZone`. A skipped DST wall time
 * is refused, a repeated one is its first occurrence.
 * @returns undefined when `text` is not ISO 8601 shaped
 * @throws InvalidFieldError (`field`) for an impossible date, bad offset or unknown zone
 */
export function parseIsoInZone(
	text: string,
	timeZone: string,
	field: FieldKey,
): number | undefined {
	const match = ISO.exec(text.trim());
	if (!match) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', offset] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	if (year < 100) return undefined; // Date.UTC maps 0..99 to 1900..1999: not a date anyone means
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	const impossible = (what: string) =>
		new InvalidFieldError(
			fieldPath(field),
			`${quoteField(field)} is not a real date and time: ${what} in ${JSON.stringify(text.trim())}; use a date such as ${EXAMPLE}`,
		);
	if (month < 1 || month > 12) throw impossible(`month ${mo} (01 to 12)`);
	const lastDay = daysInMonth(year, month);
	if (day < 1 || day > lastDay) throw impossible(`day ${d} (this month has 01 to ${lastDay})`);
	if (hour > 23) throw impossible(`hour ${h} (00 to 23)`);
	if (minute > 59) throw impossible(`minute ${mi} (00 to 59)`);
	if (second > 59) throw impossible(`second ${s} (00 to 59)`);
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	if (offset) {
		if (/^z$/i.test(offset)) return wall;
		const [, sign, oh, om = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset) as RegExpExecArray;
		if (Number(oh) > 23 || Number(om) > 59) throw impossible(`offset ${offset} (-23:59 to +23:59)`);
		return wall - (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
	}
	if (!isKnownTimeZone(timeZone))
		throw new InvalidFieldError(
			fieldPath(field),
			`${quoteField(field)} ${JSON.stringify(text.trim())} has no offset, and the workflow's time zone ${JSON.stringify(timeZone)} is not one this n8n knows: set the workflow's Timezone (Workflow Settings) or add an offset such as Z or +01:00`,
		);
	// The wall time in the zone: try the offsets in force just before and after it; the earliest
	// instant whose wall time matches wins (a repeated hour's first occurrence).
	const candidates = [wall - 86_400_000, wall + 86_400_000]
		.map((probe) => wall - zoneOffsetMinutes(probe, timeZone) * 60_000)
		.filter((instant) => instant + zoneOffsetMinutes(instant, timeZone) * 60_000 === wall)
		.sort((a, b) => a - b);
	if (!candidates.length)
		throw new InvalidFieldError(
			fieldPath(field),
			`${quoteField(field)} ${JSON.stringify(text.trim())} does not exist in the workflow's time zone ${timeZone} (the clocks skip it for daylight saving time); use a time outside the skipped hour or add an offset such as +01:00`,
		);
	return candidates[0];
}

function pad(value: number, width = 2): string {
	return String(Math.abs(value)).padStart(width, '0');
}

/**
 * `epochMs` as ISO 8601 wall time in `timeZone` with its offset, to the second:
 * `2026-03-01T09:00:00+01:00` (`Z` is never used, so the zone's offset is always visible).
 */
export function formatInZone(epochMs: number, timeZone: string): string {
	const offset = zoneOffsetMinutes(epochMs, timeZone);
	const wall = new Date(Math.floor(epochMs / 1000) * 1000 + offset * 60_000);
	const sign = offset < 0 ? '-' : '+';
	return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(
		wall.getUTCHours(),
	)}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${sign}${pad(
		Math.trunc(Math.abs(offset) / 60),
	)}:${pad(Math.abs(offset) % 60)}`;
}

/** An empty dateTime field means "now"; anything else is read as a date. */
export function dateOrNow(value: unknown, nowMs: number): unknown {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
		? new Date(nowMs)
		: value;
}
