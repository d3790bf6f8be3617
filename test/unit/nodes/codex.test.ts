import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AdobeExperiencePlatform } from '../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import { AdobeExperiencePlatformTrigger } from '../../../nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node';
import { AdobeRedshiftConnection } from '../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { homepage: string; description: string };

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
	heading
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
const README_ANCHORS = new Set(
	read('README.md')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => anchorOf(line.replace(/^#+ /, ''))),
);

const NODES = [
	['AdobeRedshiftConnection', new AdobeRedshiftConnection().description],
	['AdobeExperiencePlatform', new AdobeExperiencePlatform().description],
	['AdobeExperiencePlatformTrigger', new AdobeExperiencePlatformTrigger().description],
] as const;

describe('node panel: codex and descriptions', () => {
	it.each(NODES)(
		"%s's documentation link opens its own section of this package's README",
		(dir, description) => {
			const codex = JSON.parse(read(`nodes/${dir}/${dir}.node.json`)) as {
				resources: { primaryDocumentation: Array<{ url: string }> };
			};
			const [url, anchor] = codex.resources.primaryDocumentation[0].url.split('#');
			expect(url).toBe(pkg.homepage.split('#')[0]);
			expect(anchor).toBe(anchorOf(`The node: ${description.displayName}`));
			expect(README_ANCHORS).toContain(anchor);
		},
	);

	it('the Redshift node and package.json say what the package does now', () => {
		const redshift = NODES[0][1].description.toLowerCase();
		expect(redshift).toMatch(/base connections/);
		expect(redshift).toMatch(/source connections/);
		const packageText = pkg.description.toLowerCase();
		for (const what of [
			'base',
			'source connections',
			'datasets',
			'target connections',
			'mapping sets',
			'dataflows',
			'create from table',
			'flow runs',
			'trigger',
		])
			expect(packageText).toContain(what);
	});
});
