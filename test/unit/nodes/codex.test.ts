import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AdobeExperiencePlatform } from '../../../nodes/AdobeExperiencePlatform/AdobeExperiencePlatform.node';
import { AdobeExperiencePlatformTrigger } from '../../../nodes/AdobeExperiencePlatformTrigger/AdobeExperiencePlatformTrigger.node';
import { AdobeRedshiftConnection } from '../../../nodes/AdobeRedshiftConnection/AdobeRedshiftConnection.node';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { homepage: string; description: string };

/** The node's docs page: docs/nodes/<display name in kebab case>.md. */
const docsPage = (displayName: string) =>
	`docs/nodes/${displayName.toLowerCase().replace(/ /g, '-')}.md`;

const NODES = [
	['AdobeRedshiftConnection', new AdobeRedshiftConnection().description],
	['AdobeExperiencePlatform', new AdobeExperiencePlatform().description],
	['AdobeExperiencePlatformTrigger', new AdobeExperiencePlatformTrigger().description],
] as const;

describe('node panel: codex and descriptions', () => {
	it.each(NODES)(
		"%s's documentation link opens this package's docs page for that node",
		(dir, description) => {
			const codex = JSON.parse(read(`nodes/${dir}/${dir}.node.json`)) as {
				resources: { primaryDocumentation: Array<{ url: string }> };
			};
			const page = docsPage(description.displayName);
			expect(codex.resources.primaryDocumentation[0].url).toBe(
				`${pkg.homepage.split('#')[0]}/blob/main/${page}`,
			);
			expect(existsSync(join(ROOT, page))).toBe(true);
			expect(read(page).split('\n')[0]).toBe(`# ${description.displayName}`);
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
