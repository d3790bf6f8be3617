/** Plain-text tables for the bench output. */

export type Align = 'left' | 'right';

export function table(header: string[], rows: string[][], align: Align[]): string {
	const widths = header.map((title, i) =>
		Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
	);
	const format = (row: string[]) =>
		row
			.map((cell, i) =>
				align[i] === 'right' ? (cell ?? '').padStart(widths[i]) : (cell ?? '').padEnd(widths[i]),
			)
			.join('  ')
			.trimEnd();
	return [format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)].join('\n');
}

export const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '-');
export const perSecond = (items: number, ms: number) =>
	Number.isFinite(ms) && ms > 0 ? ((items * 1000) / ms).toFixed(1) : '-';
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');
export const mb = (value: number | undefined) =>
	value === undefined || !Number.isFinite(value) ? '-' : `${value.toFixed(1)} MB`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** A target of issue 24 next to its figure: ✅ met, ❌ not met (printed only; the bench never fails on it). */
export const target = (met: boolean, text: string) => `${met ? '✅' : '❌'} ${text}`;
