import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { GALLERY_SHOTS, VERSION_FILE } from '../e2e/gallery';

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const PAGES = readdirSync(join(ROOT, 'docs', 'nodes')).filter((f) => f.endsWith('.md'));
/** Every screenshot link of the docs pages: `../screenshots/<folder>/<name>.png`. */
const LINKS = PAGES.flatMap((page) =>
	[
		...readFileSync(join(ROOT, 'docs', 'nodes', page), 'utf8').matchAll(
			/\(\.\.\/screenshots\/([^/)]+)\/([^/)]+)\.png\)/g,
		),
	].map(([, folder, name]) => ({ page, folder, name })),
);
/** The gallery folders the e2e wrote (one per n8n major version: `2.x`, `1.x`). */
const FOLDERS = readdirSync(SHOTS).filter((f) => existsSync(join(SHOTS, f, VERSION_FILE)));

describe('screenshot gallery and the docs pages', () => {
	it('has a gallery folder for n8n 2.x and 1.x', () => {
		expect(FOLDERS.sort()).toEqual(['1.x', '2.x']);
	});

	it.each(FOLDERS)('%s holds exactly the listed screenshots', (folder) => {
		const files = readdirSync(join(SHOTS, folder))
			.filter((f) => f.endsWith('.png'))
			.map((f) => f.slice(0, -4))
			.sort();
		expect(files).toEqual([...GALLERY_SHOTS].sort());
	});

	it('every screenshot is linked from a docs page, in both folders', () => {
		for (const folder of FOLDERS)
			for (const name of GALLERY_SHOTS)
				expect(LINKS.filter((l) => l.folder === folder && l.name === name)).not.toHaveLength(0);
	});

	it('every screenshot link of the docs pages points to a listed screenshot of a gallery folder', () => {
		const shots: readonly string[] = GALLERY_SHOTS;
		const bad = LINKS.filter((l) => !FOLDERS.includes(l.folder) || !shots.includes(l.name));
		expect(bad).toEqual([]);
	});

	it('no other screenshot folder is left', () => {
		const others = readdirSync(SHOTS).filter((f) => !FOLDERS.includes(f));
		expect(others).toEqual([]);
	});
});
