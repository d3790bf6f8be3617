/**
 * The screenshot gallery the editor check writes: every name it must write, in one list, the
 * folder per n8n major version, and the shot itself (the window grown until no panel of the node
 * details view scrolls, so forms and outputs are whole). docs/nodes/*.md link these files.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from './lib/browser';
import { check } from './lib/steps';

/**
 * Every screenshot, named `<node>-<resource>-<operation>[-<what>]` so they sort by node and
 * resource: `credential-` (both credentials), `redshift-` (Adobe Redshift Connection), `aep-`
 * (Adobe Experience Platform), `aep-trigger-` (its trigger). Operation shots show the operation
 * run on one input item with its output; `-picker` shots a picker open in From List mode.
 */
export const GALLERY_SHOTS = [
	'credential-platform-form',
	'credential-platform-test-failure',
	'credential-platform-test-success',
	'credential-redshift-sign-in',
	'redshift-node-panel-search',
	'redshift-actions',
	'redshift-base-connection-create-aws',
	'redshift-base-connection-create',
	'redshift-base-connection-create-credential-mode',
	'redshift-base-connection-get-many',
	'redshift-base-connection-get-connection-picker',
	'redshift-base-connection-get-connection-picker-search',
	'redshift-base-connection-get',
	'redshift-base-connection-update',
	'redshift-base-connection-test',
	'redshift-base-connection-list-tables',
	'redshift-base-connection-get-table-schema-table-picker',
	'redshift-base-connection-get-table-schema',
	'redshift-base-connection-delete',
	'redshift-source-connection-create',
	'redshift-source-connection-get-source-connection-picker',
	'redshift-source-connection-get',
	'redshift-source-connection-get-many',
	'redshift-source-connection-delete',
	'aep-node-panel-search',
	'aep-actions',
	'aep-dataset-get-many',
	'aep-dataset-create-schema-picker',
	'aep-dataset-create',
	'aep-dataset-get-dataset-picker',
	'aep-dataset-get',
	'aep-target-connection-create',
	'aep-target-connection-get-target-connection-picker',
	'aep-target-connection-get',
	'aep-target-connection-get-many',
	'aep-target-connection-delete',
	'aep-mapping-set-create',
	'aep-mapping-set-get-mapping-set-picker',
	'aep-mapping-set-get',
	'aep-mapping-set-validate',
	'aep-dataflow-create-from-table',
	'aep-dataflow-create',
	'aep-dataflow-get-dataflow-picker',
	'aep-dataflow-get',
	'aep-dataflow-get-many',
	'aep-dataflow-update',
	'aep-dataflow-disable',
	'aep-dataflow-enable',
	'aep-dataflow-delete',
	'aep-flow-run-run-now',
	'aep-flow-run-get-many',
	'aep-flow-run-get-flow-run-picker',
	'aep-flow-run-get',
	'aep-flow-run-retry',
	'aep-trigger-dataflow-picker',
	'aep-trigger-form',
	'aep-trigger-start-from-now',
	'aep-trigger-fetch-test-event',
] as const;

export type ShotName = (typeof GALLERY_SHOTS)[number];

/** docs/screenshots/<major>.x: one folder per n8n major version, whichever release the e2e runs. */
export function galleryFolder(root: string, n8nVersion: string): string {
	return join(root, `${n8nVersion.split('.')[0]}.x`);
}

/** In each gallery folder: the n8n version its screenshots show. */
export const VERSION_FILE = 'n8n-version.txt';

/** The tallest the window grows for a shot (px): an output longer than this scrolls. */
const MAX_HEIGHT = 6_000;

/**
 * How far the scrolled panels of the node details view (or credential dialog) overflow (px), measured in the page. A string,
 * as the project compiles without the DOM library.
 */
const OVERFLOW = `(() => {
	let max = 0;
	for (const el of document.querySelectorAll(
		'[data-test-id="ndv"] *, [data-test-id="credential-edit-dialog"] *',
	)) {
		const style = getComputedStyle(el);
		if (!/(auto|scroll)/.test(style.overflowY) || el.clientHeight < 40) continue;
		max = Math.max(max, el.scrollHeight - el.clientHeight);
	}
	return max;
})()`;

/** Hides the toasts ("Node executed successfully", …) that would cover the output. */
const HIDE_TOASTS = `document.querySelectorAll('.el-notification').forEach((el) => (el.style.display = 'none'))`;

/** Writes the gallery's screenshots of one n8n version and checks that none is missing. */
export class Gallery {
	private readonly written = new Set<string>();

	constructor(
		/** The page shot (the editor check opens a second one). */
		public page: Page,
		readonly folder: string,
		private readonly height: number,
		n8nVersion: string,
	) {
		mkdirSync(folder, { recursive: true });
		// The docs name the folder by major version; this file says which release it shows.
		writeFileSync(join(folder, VERSION_FILE), `${n8nVersion}\n`);
		// Files no longer in the list go, so the folder holds exactly this run's gallery.
		for (const file of readdirSync(folder))
			if (
				file.endsWith('.png') &&
				!(GALLERY_SHOTS as readonly string[]).includes(file.slice(0, -4))
			)
				rmSync(join(folder, file));
	}

	/** Saves `name`, the window first grown (`fit`) so the open panels show all they hold; not for an open picker list, which a resize closes. */
	async take(name: ShotName, fit = true): Promise<void> {
		check(!this.written.has(name), `screenshot ${name} taken twice`);
		const size = { width: this.page.viewportSize()?.width ?? 1440, height: this.height };
		for (let i = 0; fit && i < 3; i++) {
			const overflow = Number(await this.page.evaluate(OVERFLOW));
			if (overflow <= 2 || size.height >= MAX_HEIGHT) break;
			size.height = Math.min(MAX_HEIGHT, size.height + overflow + 8);
			await this.page.setViewportSize(size);
			await this.page.waitForTimeout(300);
		}
		await this.page.evaluate(HIDE_TOASTS);
		await this.page.screenshot({ path: join(this.folder, `${name}.png`) });
		this.written.add(name);
		if (size.height !== this.height) {
			await this.page.setViewportSize({ width: size.width, height: this.height });
			await this.page.waitForTimeout(200);
		}
	}

	/** Fails naming every listed screenshot this run did not write. */
	checkComplete(): void {
		const missing = GALLERY_SHOTS.filter(
			(name) => !this.written.has(name) || !existsSync(join(this.folder, `${name}.png`)),
		);
		check(missing.length === 0, `screenshots not written: ${missing.join(', ')}`);
	}
}
