/**
 * The editor half of the end-to-end proof: `n8n start` with the package installed, driven in
 * headless Chromium the way a person would use it. Each step saves a screenshot to
 * docs/screenshots/<n8n version>/ (E2E_SCREENSHOTS moves them).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_TABLES, type StartedEmulator } from '../emulator';
import { seedConnections } from '../emulator/testkit';
import { instanceAndEmulator, newSecret } from './cli-check';
import { launchChromium, type Locator, type Page } from './lib/browser';
import { installPackage, type N8nVersion } from './lib/n8n';
import { PACKAGE_NAME } from '../support/workflow';
import { findSecrets } from '../support/secrets';
import { OWNER, setupOwner, startN8n, type RunningN8n } from './lib/server';
import { CheckFailure, check, log, step } from './lib/steps';

const PROJECT = join(__dirname, '..', '..');
const NODE_DISPLAY_NAME = 'Adobe Redshift Connection';
const CREATE_ACTION = 'Create a base connection';
const CREDENTIAL_FIELDS = [
	'clientId',
	'clientSecret',
	'orgId',
	'scopes',
	'sandboxName',
	'imsUrl',
	'platformUrl',
];
const SIGN_IN_FROM = 'redshiftSignInFrom';
const SIGN_IN_CREDENTIAL_FIELDS = ['server', 'port', 'username', 'password', 'database'];
const NODE_FIELDS = [
	'hosting',
	'name',
	'description',
	'server',
	'port',
	'username',
	'password',
	'database',
];
const PLATFORM_NODE = 'Adobe Experience Platform';
const CREATE_FROM_TABLE_ACTION = 'Create a dataflow from a table';
const CREATE_FROM_TABLE_FIELDS = [
	'rl:connectionId',
	'rl:tablePath',
	'rl:datasetId',
	'name',
	'frequency',
	'interval',
	'startTime',
	'backfill',
	'deltaColumn',
];
/** Connections the emulator holds before the editor opens: the Connection list must show them. */
const SEEDED = ['Seeded orders warehouse', 'Seeded marketing warehouse'];

/** Each operation other than Create (shown above), with the fields it must show: `rl:` marks a picker. */
const OPERATION_FIELDS: Array<{ name: string; slug: string; label: RegExp; fields: string[] }> = [
	{ name: 'Get', slug: 'get', label: /^Get(?! Many| Table)/, fields: ['rl:connectionId'] },
	{ name: 'Get Many', slug: 'get-many', label: /^Get Many/, fields: ['returnAll', 'limit'] },
	{
		name: 'Update',
		slug: 'update',
		label: /^Update/,
		fields: ['rl:connectionId', SIGN_IN_FROM, 'etag'],
	},
	{ name: 'Delete', slug: 'delete', label: /^Delete/, fields: ['rl:connectionId'] },
	{ name: 'Test', slug: 'test', label: /^Test/, fields: ['rl:connectionId'] },
	{ name: 'List Tables', slug: 'list-tables', label: /^List Tables/, fields: ['rl:connectionId'] },
	{
		name: 'Get Table Schema',
		slug: 'get-table-schema',
		label: /^Get Table Schema/,
		fields: ['rl:connectionId', 'rl:tablePath'],
	},
];

interface EditorContext {
	page: Page;
	baseUrl: string;
	emulator: StartedEmulator;
	shots: string;
	failures: string;
	v: string;
}

async function shot(ctx: EditorContext, name: string): Promise<void> {
	await ctx.page.screenshot({ path: join(ctx.shots, `${name}.png`) });
}

/** A step that leaves a screenshot of the page behind when it fails. */
async function uiStep(ctx: EditorContext, name: string, fn: () => Promise<void>): Promise<void> {
	await step(`[${ctx.v}] editor: ${name}`, async () => {
		try {
			await fn();
		} catch (error) {
			const file = join(ctx.failures, `failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
			await ctx.page.screenshot({ path: file }).catch(() => undefined);
			const message =
				error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
			throw new CheckFailure(message, [
				file,
				...(error instanceof CheckFailure ? error.evidence : []),
			]);
		}
	});
}

const byTestId = (scope: Page | Locator, id: string) => scope.locator(`[data-test-id="${id}"]`);

function parameter(scope: Page | Locator, name: string): Locator {
	return byTestId(scope, `parameter-input-${name}`);
}

/** A field by name; `rl:name` is a resource locator (picker). */
function fieldLocator(scope: Page | Locator, field: string): Locator {
	return field.startsWith('rl:')
		? byTestId(scope, `resource-locator-${field.slice(3)}`)
		: parameter(scope, field);
}

async function fillParameter(scope: Page | Locator, name: string, value: string): Promise<void> {
	const input = parameter(scope, name).locator('input, textarea').first();
	await input.fill(value);
	check((await input.inputValue()) === value, `could not type into the "${name}" field`);
}

async function visible(locator: Locator): Promise<boolean> {
	return (await locator.count()) > 0 && (await locator.first().isVisible());
}

async function signIn(ctx: EditorContext): Promise<void> {
	const { page } = ctx;
	await page.goto(`${ctx.baseUrl}/signin`);
	await page.locator('input[type="email"]').first().fill(OWNER.email);
	await page.locator('input[type="password"]').first().fill(OWNER.password);
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

/** Waits for the credential test the editor runs (POST /rest/credentials/test) and returns its verdict. */
async function credentialTest(
	page: Page,
	action: () => Promise<void>,
): Promise<{ status: string; message: string }> {
	const response = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'), {
		timeout: 30_000,
	});
	await action();
	const body = JSON.parse(await (await response).text()) as {
		data?: { status?: string; message?: string };
	};
	return { status: body.data?.status ?? '?', message: body.data?.message ?? '' };
}

export async function editorCheck(n8n: N8nVersion, tarball: string, root: string): Promise<void> {
	const v = n8n.version;
	const shots = join(process.env.E2E_SCREENSHOTS || join(PROJECT, 'docs', 'screenshots'), v);
	mkdirSync(shots, { recursive: true });
	mkdirSync(root, { recursive: true });
	const { instance, emulator } = await instanceAndEmulator(n8n, root);
	let server: RunningN8n | undefined;
	let closeBrowser: (() => Promise<void>) | undefined;
	const redshiftPassword = newSecret('redshift-password');
	let seededIds: string[] = [];
	try {
		await step(
			`[${v}] editor: seed ${SEEDED.length} Redshift connections in the emulator`,
			async () => {
				seededIds = await seedConnections(emulator, SEEDED);
			},
		);
		await step(`[${v}] editor: install the package, n8n start, owner setup`, async () => {
			await installPackage(instance, tarball);
			server = await startN8n(instance);
			await setupOwner(server.baseUrl);
			log(`  n8n ${v} editor at ${server.baseUrl}`);
		});

		const { context, userDataDir } = await step(`[${v}] editor: launch headless Chromium`, () =>
			launchChromium(),
		);
		closeBrowser = async () => {
			await context.close();
			rmSync(userDataDir, { recursive: true, force: true });
		};
		const page = context.pages()[0] ?? (await context.newPage());
		// Generous: on a loaded machine the editor's first page load alone can take 20 s.
		page.setDefaultTimeout(60_000);
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		const ctx: EditorContext = {
			page,
			baseUrl: server!.baseUrl,
			emulator,
			shots,
			failures: root,
			v,
		};

		await uiStep(ctx, 'sign in and open a new workflow', async () => {
			await signIn(ctx);
			await page.goto(`${ctx.baseUrl}/workflow/new`);
			await byTestId(page, 'node-creator-plus-button').first().waitFor();
		});

		const creator = byTestId(page, 'node-creator');
		/** The node creator's entry showing `text` (a node, or one of its actions). */
		const creatorItem = (text: string) =>
			byTestId(creator, 'item-iterator-item').filter({ hasText: text }).first();
		await uiStep(ctx, 'node panel search "Redshift" finds the node with its icon', async () => {
			await byTestId(page, 'node-creator-plus-button').first().click();
			await byTestId(page, 'node-creator-search-bar').fill('Redshift');
			const item = creatorItem(NODE_DISPLAY_NAME);
			await item.waitFor();
			// Our SVG, loaded: a missing icon renders n8n's letter placeholder (no <img>) or a broken image.
			const icon = item.locator('img').first();
			check(
				(await icon.count()) === 1,
				'the node has no icon image in the node panel (placeholder shown)',
			);
			await page.waitForTimeout(300);
			const image = await icon.evaluate((el) => ({
				src: el.src ?? '',
				width: el.naturalWidth ?? 0,
				complete: !!el.complete,
			}));
			check(
				image.src.includes(`/icons/${PACKAGE_NAME}/`),
				`the icon is not the package's own (src ${image.src})`,
			);
			check(image.complete && image.width > 0, `the icon did not load (src ${image.src})`);
			const svg = await page.request.get(image.src);
			check(
				svg.status() === 200 && (await svg.text()).trimStart().startsWith('<svg'),
				`GET ${image.src} is not an SVG (${svg.status()})`,
			);
			await shot(ctx, '01-node-panel-search-redshift');
		});

		const ndv = byTestId(page, 'ndv');
		/** Opens the action `label` listed in the node creator (screenshot `shotName` of the list first). */
		const chooseAction = async (label: string, shotName: string) => {
			const action = creatorItem(label);
			await action.waitFor();
			await shot(ctx, shotName);
			await action.click();
			await ndv.waitFor();
		};
		/** Picks the option `label` of the node's dropdown parameter `name`, then lets the panel settle. */
		const chooseOption = async (name: string, label: RegExp, settleMs = 300) => {
			await parameter(ndv, name).click();
			await page.getByRole('option', { name: label }).first().click();
			await page.waitForTimeout(settleMs);
		};
		await uiStep(
			ctx,
			'add the node: Create action shows the fields (Azure: no Schema)',
			async () => {
				await creatorItem(NODE_DISPLAY_NAME).click();
				await chooseAction(CREATE_ACTION, '02-node-actions');
				// A new node signs in to Redshift from the encrypted credential: no sign-in fields.
				check(await visible(parameter(ndv, SIGN_IN_FROM)), '"Redshift Sign-In From" is not shown');
				check(
					!(await visible(parameter(ndv, 'password'))),
					'the Password field is shown in Credential mode',
				);
				await shot(ctx, '03-sign-in-from-credential');
				await chooseOption(SIGN_IN_FROM, /^Fields/);
				check(
					await visible(page.getByText(/stored in the workflow/).first()),
					'Fields mode shows no notice that typed values are stored in the workflow',
				);
				for (const field of NODE_FIELDS)
					check(await visible(parameter(ndv, field)), `field "${field}" is not shown`);
				check(
					!(await visible(parameter(ndv, 'schema'))),
					'Schema is shown for Experience Platform on Azure',
				);
				await shot(ctx, '03-node-fields-azure');
			},
		);

		await uiStep(ctx, 'Experience Platform hosting AWS shows Schema, Azure hides it', async () => {
			await chooseOption('hosting', /on AWS/);
			check(
				await visible(parameter(ndv, 'schema')),
				'Schema is not shown for Experience Platform on AWS',
			);
			await parameter(ndv, 'schema').scrollIntoViewIfNeeded();
			await shot(ctx, '04-platform-aws-shows-schema');
			await chooseOption('hosting', /on Azure/);
			check(
				!(await visible(parameter(ndv, 'schema'))),
				'Schema is still shown after switching back to Azure',
			);
			await parameter(ndv, 'hosting').scrollIntoViewIfNeeded();
			await shot(ctx, '05-platform-azure-hides-schema');
		});

		const modal = byTestId(page, 'credential-edit-dialog');
		await uiStep(ctx, 'credential form shows our fields', async () => {
			// 2.x shows a "Connect to ..." button; 1.x a credential dropdown with a "Create new" entry.
			const connect = byTestId(ndv, 'node-credentials-empty-state');
			if (await visible(connect)) await connect.first().click();
			else {
				await byTestId(ndv, 'node-credentials-select').first().click();
				await page
					.getByText(/Create new credential/i)
					.first()
					.click();
			}
			await modal.waitFor();
			for (const field of CREDENTIAL_FIELDS)
				check(await visible(parameter(modal, field)), `credential field "${field}" is not shown`);
			await fillParameter(modal, 'clientId', emulator.options.clientId);
			await fillParameter(modal, 'orgId', emulator.options.orgId);
			await fillParameter(modal, 'imsUrl', emulator.baseUrl);
			await fillParameter(modal, 'platformUrl', emulator.baseUrl);
			await fillParameter(modal, 'clientSecret', 'not-the-right-secret');
			await shot(ctx, '06-credential-form');
		});

		await uiStep(ctx, 'credential test with a wrong client secret fails clearly', async () => {
			const verdict = await credentialTest(page, () =>
				byTestId(page, 'credential-save-button').click(),
			);
			check(
				verdict.status === 'Error',
				`the credential test passed with a wrong client secret: ${verdict.message}`,
			);
			check(
				/client secret/i.test(verdict.message),
				`the failure does not point at the client secret: "${verdict.message}"`,
			);
			check(
				!verdict.message.includes('not-the-right-secret'),
				'the failure message repeats the secret',
			);
			await page
				.getByText('Couldn’t connect with these settings')
				.or(page.getByText("Couldn't connect with these settings"))
				.first()
				.waitFor();
			const details = page.getByText('More details');
			if (await visible(details)) await details.first().click();
			await page.getByText(verdict.message.slice(0, 40)).first().waitFor();
			await shot(ctx, '07-credential-test-failure');
		});

		await uiStep(ctx, 'credential test with the right client secret succeeds', async () => {
			await fillParameter(modal, 'clientSecret', emulator.options.clientSecret);
			const verdict = await credentialTest(page, () =>
				byTestId(page, 'credential-save-button').click(),
			);
			check(verdict.status === 'OK', `the credential test failed: ${verdict.message}`);
			// Saved from the node panel, the dialog closes on success; reopen it to show the result.
			await page.waitForTimeout(1000);
			if (!(await visible(modal))) {
				const retest = await credentialTest(page, () =>
					byTestId(ndv, 'credential-edit-button').first().click(),
				);
				check(retest.status === 'OK', `the credential test failed on reopening: ${retest.message}`);
			}
			await byTestId(page, 'credentials-config-container-test-success').waitFor();
			await page.waitForTimeout(600); // let the banner's Retry button finish fading in
			await shot(ctx, '08-credential-test-success');
			await page.locator('.el-dialog__close').first().click();
			await modal.waitFor({ state: 'hidden' });
		});

		await uiStep(ctx, 'execute the node from the canvas: output shows id and etag', async () => {
			await fillParameter(ndv, 'name', 'Editor e2e Redshift');
			await fillParameter(ndv, 'server', 'editor-e2e.abc123.us-east-1.redshift.amazonaws.com');
			await fillParameter(ndv, 'username', 'editor_user');
			await fillParameter(ndv, 'password', redshiftPassword);
			await fillParameter(ndv, 'database', 'dev');
			const before = emulator.connections().length;
			await byTestId(ndv, 'node-execute-button').first().click();
			const output = byTestId(page, 'output-panel');
			await output
				.getByText(/1 item/)
				.first()
				.waitFor({ timeout: 30_000 });
			const created = emulator.connections().slice(before);
			check(created.length === 1, `the emulator stored ${created.length} connections, expected 1`);
			const json = output.getByRole('radio', { name: 'JSON' });
			if (await visible(json)) await json.first().click();
			await page.waitForTimeout(500);
			const text = await output.innerText();
			check(
				text.includes(created[0].id),
				`the output panel does not show the connection id ${created[0].id}`,
			);
			// JSON view escapes the etag's quotes ("\"...\""); the table shows them as-is.
			const bare = created[0].etag.replace(/^"|"$/g, '');
			check(text.includes(bare), `the output panel does not show the etag ${created[0].etag}`);
			check(
				created[0].auth.params.password === redshiftPassword,
				'the password typed in the editor did not reach Flow Service',
			);
			await shot(ctx, '09-execute-output-id-etag');
		});

		await uiStep(
			ctx,
			'Credential mode: the Redshift Sign-In credential form and its Test',
			async () => {
				await chooseOption(SIGN_IN_FROM, /^Credential/);
				check(
					!(await visible(parameter(ndv, 'password'))),
					'the Password field is shown in Credential mode',
				);
				// 2.x: one "Connect to ..." button for the credential still missing; 1.x: a second dropdown.
				const connect = byTestId(ndv, 'node-credentials-empty-state');
				if (await visible(connect)) await connect.first().click();
				else {
					await byTestId(ndv, 'node-credentials-select').last().click();
					// The first dropdown's "Create new" entry stays in the page, hidden.
					await page
						.locator('[data-test-id="node-credentials-select-item-new"]:visible')
						.first()
						.click();
				}
				await modal.waitFor();
				for (const field of SIGN_IN_CREDENTIAL_FIELDS)
					check(
						await visible(parameter(modal, field)),
						`Redshift Sign-In field "${field}" is not shown`,
					);
				await fillParameter(modal, 'server', 'editor-e2e.abc123.us-east-1.redshift.amazonaws.com');
				await fillParameter(modal, 'username', 'editor_user');
				await fillParameter(modal, 'password', redshiftPassword);
				await fillParameter(modal, 'database', 'dev');
				const verdict = await credentialTest(page, () =>
					byTestId(page, 'credential-save-button').click(),
				);
				check(
					verdict.status === 'OK',
					`the Redshift Sign-In credential test failed: ${verdict.message}`,
				);
				await page.waitForTimeout(1000);
				if (!(await visible(modal))) await byTestId(ndv, 'credential-edit-button').last().click();
				await modal.waitFor();
				await page.waitForTimeout(600);
				await shot(ctx, '10-redshift-sign-in-credential');
				await page.locator('.el-dialog__close').first().click();
				await modal.waitFor({ state: 'hidden' });
				await parameter(ndv, SIGN_IN_FROM).scrollIntoViewIfNeeded();
				await shot(ctx, '11-node-credential-mode');
			},
		);

		await uiStep(ctx, 'every operation shows its fields', async () => {
			for (const op of OPERATION_FIELDS) {
				await chooseOption('operation', op.label, 400);
				for (const field of op.fields)
					check(
						await visible(fieldLocator(ndv, field)),
						`${op.name}: field "${field}" is not shown`,
					);
				await parameter(ndv, 'operation').scrollIntoViewIfNeeded();
				await shot(ctx, `12-operation-${op.slug}`);
			}
		});

		// The last operation above is Get Table Schema: pick its connection and table from the lists.
		// The list is teleported out of the field: its entries and search box are found page-wide.
		const listItems = page.locator('[data-test-id="rlc-item"]:visible');
		const searchBox = page
			.locator('[data-test-id="rlc-search"]:visible input')
			.or(page.locator('input[data-test-id="rlc-search"]:visible'));
		await uiStep(
			ctx,
			'Connection picker: From List shows the seeded connections, and the search filters them',
			async () => {
				await byTestId(byTestId(ndv, 'resource-locator-connectionId'), 'rlc-input').first().click();
				for (const name of SEEDED) await listItems.filter({ hasText: name }).first().waitFor();
				await shot(ctx, '13-connection-picker-from-list');
				await searchBox.first().fill('marketing');
				// The list reloads from the server: wait until only the match is left (or time runs out).
				let shown: string[] = [];
				for (let waited = 0; waited < 20_000; waited += 250) {
					shown = await listItems.allInnerTexts();
					if (shown.length === 1 && shown[0].includes(SEEDED[1])) break;
					await page.waitForTimeout(250);
				}
				check(
					shown.length === 1 && shown[0].includes(SEEDED[1]),
					`searching "marketing" shows ${JSON.stringify(shown)}`,
				);
				await shot(ctx, '14-connection-picker-search');
				await listItems.filter({ hasText: SEEDED[1] }).first().click();
				await page.waitForTimeout(400);
			},
		);

		await uiStep(
			ctx,
			'Table picker: From List shows the explored tables of the chosen connection',
			async () => {
				await byTestId(byTestId(ndv, 'resource-locator-tablePath'), 'rlc-input').first().click();
				for (const table of DEFAULT_TABLES)
					await listItems.filter({ hasText: table.path }).first().waitFor();
				await shot(ctx, '15-table-picker-from-list');
				await listItems.filter({ hasText: 'public.orders' }).first().click();
				await page.waitForTimeout(400);
			},
		);

		const output = byTestId(page, 'output-panel');
		const showJson = async () => {
			const json = output.getByRole('radio', { name: 'JSON' });
			if (await visible(json)) await json.first().click();
			await page.waitForTimeout(500);
		};
		await uiStep(
			ctx,
			'run Get Table Schema from the canvas: the columns of the picked table',
			async () => {
				const before = emulator.requests().length;
				await byTestId(ndv, 'node-execute-button').first().click();
				// The panel still shows Create's "1 item": wait for the request, then for the columns.
				const explored = () =>
					emulator
						.requests()
						.slice(before)
						.find((r) => r.path.endsWith(`/connections/${seededIds[1]}/explore`));
				for (let waited = 0; !explored() && waited < 30_000; waited += 250)
					await page.waitForTimeout(250);
				const explore = explored();
				check(
					explore?.query.object === 'public.orders',
					`Get Table Schema did not explore public.orders of the picked connection (${JSON.stringify(explore?.query)})`,
				);
				await output
					.getByText(/order_id/)
					.first()
					.waitFor({ timeout: 30_000 });
				await showJson();
				const text = await output.innerText();
				for (const column of ['order_id', 'customer_id', 'ordered_at'])
					check(text.includes(column), `the output does not show column ${column}`);
				await shot(ctx, '16-get-table-schema-output');
			},
		);

		await uiStep(
			ctx,
			'run Get Many from the canvas: every Redshift connection of the sandbox',
			async () => {
				await chooseOption('operation', /^Get Many/, 400);
				const expected = emulator.connections().length;
				await byTestId(ndv, 'node-execute-button').first().click();
				await output
					.getByText(new RegExp(`${expected} items`))
					.first()
					.waitFor({ timeout: 30_000 });
				// The Table view lists every item's name on one screen (JSON is as long as three connections).
				const table = output.getByRole('radio', { name: 'Table' });
				if (await visible(table)) await table.first().click();
				await page.waitForTimeout(500);
				const text = await output.innerText();
				for (const name of SEEDED)
					check(text.includes(name), `the Get Many output does not show "${name}"`);
				await shot(ctx, '17-get-many-output');
			},
		);

		// The Experience Platform nodes: found in the node panel, the Create From Table form, the pickers.
		const platformItem = (name: string) =>
			byTestId(creator, 'item-iterator-item')
				.filter({ has: page.getByText(name, { exact: true }) })
				.first();
		const openNodePanel = async (search: string) => {
			await page.keyboard.press('Escape');
			await ndv.waitFor({ state: 'hidden' });
			await byTestId(page, 'node-creator-plus-button').first().click();
			await byTestId(page, 'node-creator-search-bar').fill(search);
		};
		const pickFromList = async (field: string, expected: string[], screenshot: string) => {
			await byTestId(byTestId(ndv, `resource-locator-${field}`), 'rlc-input')
				.first()
				.click();
			for (const name of expected)
				await listItems.filter({ hasText: name }).first().waitFor({ timeout: 30_000 });
			await shot(ctx, screenshot);
			await listItems.filter({ hasText: expected[0] }).first().click();
			await page.waitForTimeout(400);
		};
		const dataset = emulator.seedDataset();
		const datasetName = emulator.datasets().find((d) => d.id === dataset.id)?.name ?? '';
		let flowName = '';

		// n8n lists a node and its trigger as one entry: the trigger is among the entry's actions.
		await uiStep(ctx, 'node panel search "Experience Platform" finds the node', async () => {
			await openNodePanel('Experience Platform');
			await platformItem(PLATFORM_NODE).waitFor();
			await shot(ctx, '20-node-panel-search-experience-platform');
		});

		await uiStep(
			ctx,
			'Dataflow > Create From Table shows its form: pickers, schedule, delta column',
			async () => {
				await platformItem(PLATFORM_NODE).click();
				await chooseAction(CREATE_FROM_TABLE_ACTION, '21-platform-actions');
				for (const field of CREATE_FROM_TABLE_FIELDS)
					check(
						await visible(fieldLocator(ndv, field)),
						`Create From Table: field "${field}" is not shown`,
					);
				await shot(ctx, '22-create-from-table-form');
			},
		);

		await uiStep(
			ctx,
			'Create From Table pickers: connections, their tables, datasets from the sandbox',
			async () => {
				await pickFromList('connectionId', SEEDED, '23-create-from-table-connection-picker');
				await pickFromList(
					'tablePath',
					DEFAULT_TABLES.map((t) => t.path),
					'24-create-from-table-table-picker',
				);
				await pickFromList('datasetId', [datasetName], '25-dataset-picker');
				await parameter(ndv, 'operation').scrollIntoViewIfNeeded();
				await shot(ctx, '26-create-from-table-filled');
			},
		);

		await uiStep(
			ctx,
			'run Create From Table from the canvas: source, target, mapping set and dataflow created',
			async () => {
				await fillParameter(ndv, 'deltaColumn', 'ordered_at');
				await byTestId(ndv, 'node-execute-button').first().click();
				await output
					.getByText(/dataflowId/)
					.first()
					.waitFor({ timeout: 60_000 });
				await showJson();
				const flows = emulator.flows();
				check(
					flows.length === 1,
					`the emulator holds ${flows.length} dataflows after Create From Table, expected 1`,
				);
				flowName = flows[0].name;
				const text = await output.innerText();
				for (const key of ['sourceConnectionId', 'targetConnectionId', 'mappingSetId', flows[0].id])
					check(text.includes(key), `the output does not show ${key}`);
				await shot(ctx, '27-create-from-table-output');
			},
		);

		await uiStep(
			ctx,
			"Flow Run > Run Now: the Dataflow picker lists the sandbox's dataflows",
			async () => {
				await parameter(ndv, 'resource').click();
				await page
					.getByRole('option', { name: /^Flow Run/ })
					.first()
					.click();
				await page.waitForTimeout(400);
				await chooseOption('operation', /^Run Now/, 400);
				await pickFromList('flowId', [flowName], '28-dataflow-picker');
			},
		);

		// The trigger's form is not driven here: n8n's node panel folds a node's trigger events away
		// once the canvas has a trigger, differently per version. The trigger is proven in real n8n by
		// trigger-check.ts (activated in `n8n start`, fires once for a failed run).

		await step(`[${v}] editor: no secret in n8n's output or log`, async () => {
			const secrets: Record<string, string> = {
				'client secret': emulator.options.clientSecret,
				'Redshift password': redshiftPassword,
			};
			const tokens = new Set(
				emulator
					.requests()
					.map((r) => /^Bearer (\S+)$/.exec(r.headers.authorization ?? '')?.[1])
					.filter(Boolean),
			);
			[...tokens].forEach((t, i) => (secrets[`access token #${i + 1}`] = t!));
			const files = [instance.logFile, join(instance.outputDir, 'n8n-start.output')].filter(
				existsSync,
			);
			const leaks = findSecrets(files, secrets);
			check(leaks.length === 0, `secrets found:\n${leaks.join('\n')}`, files);
			log(`  screenshots: ${shots}`);
			// Reported, not failed: 1.123.81's front end throws one ("reading 'enabled'") while the editor loads.
			if (pageErrors.length)
				log(`  page errors in the editor: ${pageErrors.slice(0, 3).join(' | ')}`);
		});
	} finally {
		await closeBrowser?.().catch(() => undefined);
		await server?.stop();
		await emulator.close();
	}
}
