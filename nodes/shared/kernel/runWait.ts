/** Run Now's wait: deadline bounds and backoff between `GET /runs/{id}` checks, from seconds up to a minute. */
import { InvalidFieldError } from './validation';
import { SYSTEM_CLOCK, type PacingClock } from './pacing';
import type { FieldRef } from './validation';

export interface RunWaitSettings {
	/** Wait before the first check (ms); a new run is `scheduled` at first. */
	firstMs: number;
	/** Each wait is the previous one times this. */
	factor: number;
	/** No wait is longer than this (ms). */
	maxMs: number;
	/** Time and waiting; tests pass a clock whose sleep only moves its time. */
	clock: PacingClock;
}

export const DEFAULT_RUN_WAIT: RunWaitSettings = {
	firstMs: 5_000,
	factor: 1.5,
	maxMs: 60_000,
	clock: SYSTEM_CLOCK,
};

/** The Max Wait field's bounds, in **seconds**: 1 second to 12 hours. */
export const MAX_WAIT_SECONDS = { min: 1, max: 12 * 60 * 60 } as const;

/** Max Wait (seconds) as a whole number within MAX_WAIT_SECONDS; numbers given as text are read too. */
export function checkMaxWaitSeconds(ref: FieldRef, value: unknown): number {
	const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	const { min, max } = MAX_WAIT_SECONDS;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min || number > max)
		throw new InvalidFieldError(
			ref.field,
			`"${ref.label}" must be a whole number of seconds from ${min} to ${max} (12 hours); got ${JSON.stringify(value)}.`,
		);
	return number;
}

/** The wait before the next check (ms): `previousMs` grown by the factor (firstMs at first), capped, never past the deadline. */
export function nextWaitMs(
	settings: RunWaitSettings,
	previousMs: number | undefined,
	remainingMs: number,
): number {
	const grown =
		previousMs === undefined
			? settings.firstMs
			: Math.min(settings.maxMs, previousMs * settings.factor);
	return Math.max(0, Math.min(grown, remainingMs));
}
