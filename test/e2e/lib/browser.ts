/**
 * Headless Debian Chromium driven by playwright-core. playwright-core lives in the e2e cache (see
 * install-n8n.sh), not in the project, so the few parts of its API used here are typed locally.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PLAYWRIGHT_CORE } from './n8n';

export interface Locator {
	click(options?: { timeout?: number; force?: boolean }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	fill(value: string, options?: { timeout?: number }): Promise<void>;
	press(key: string): Promise<void>;
	waitFor(options?: {
		state?: 'attached' | 'detached' | 'visible' | 'hidden';
		timeout?: number;
	}): Promise<void>;
	isVisible(): Promise<boolean>;
	count(): Promise<number>;
	textContent(): Promise<string | null>;
	innerText(): Promise<string>;
	allInnerTexts(): Promise<string[]>;
	inputValue(): Promise<string>;
	getAttribute(name: string): Promise<string | null>;
	first(): Locator;
	last(): Locator;
	nth(index: number): Locator;
	locator(selector: string): Locator;
	filter(options: { hasText?: string | RegExp; has?: Locator; visible?: boolean }): Locator;
	or(other: Locator): Locator;
	getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
	getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
	getByPlaceholder(text: string | RegExp): Locator;
	getByTestId(id: string): Locator;
	evaluate<R>(fn: (element: HTMLElementLike) => R): Promise<R>;
	scrollIntoViewIfNeeded(): Promise<void>;
	screenshot(options: { path: string }): Promise<Buffer>;
}

/** The DOM bits used inside `evaluate` callbacks (the project compiles without the DOM lib). */
export interface HTMLElementLike {
	naturalWidth?: number;
	complete?: boolean;
	src?: string;
	tagName: string;
	outerHTML: string;
	querySelector(selector: string): HTMLElementLike | null;
	getAttribute(name: string): string | null;
}

export interface Response {
	url(): string;
	status(): number;
	headers(): Record<string, string>;
	text(): Promise<string>;
}

export interface Page {
	goto(
		url: string,
		options?: { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle'; timeout?: number },
	): Promise<unknown>;
	url(): string;
	locator(selector: string): Locator;
	getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
	getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
	getByPlaceholder(text: string | RegExp): Locator;
	getByTestId(id: string): Locator;
	waitForURL(
		url: string | RegExp | ((url: URL) => boolean),
		options?: { timeout?: number },
	): Promise<void>;
	waitForTimeout(ms: number): Promise<void>;
	waitForResponse(
		predicate: (response: Response) => boolean,
		options?: { timeout?: number },
	): Promise<Response>;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
	viewportSize(): { width: number; height: number } | null;
	setViewportSize(size: { width: number; height: number }): Promise<void>;
	/** Runs `expression` (JavaScript source) in the page and answers its value. */
	evaluate<R>(expression: string): Promise<R>;
	keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
	on(event: 'console', handler: (message: { type(): string; text(): string }) => void): void;
	on(event: 'pageerror', handler: (error: Error) => void): void;
	on(event: 'response', handler: (response: Response) => void): void;
	on(
		event: 'requestfailed',
		handler: (request: { url(): string; failure(): { errorText: string } | null }) => void,
	): void;
	setDefaultTimeout(ms: number): void;
	request: {
		get(
			url: string,
			options?: { headers?: Record<string, string> },
		): Promise<{ status(): number; text(): Promise<string> }>;
		post(
			url: string,
			options?: { data?: unknown; headers?: Record<string, string> },
		): Promise<{ status(): number; text(): Promise<string> }>;
	};
}

export interface BrowserContext {
	newPage(): Promise<Page>;
	pages(): Page[];
	close(): Promise<void>;
}

interface PlaywrightCore {
	chromium: {
		launchPersistentContext(
			userDataDir: string,
			options: {
				executablePath: string;
				headless: boolean;
				args: string[];
				timeout?: number;
				viewport?: { width: number; height: number };
				locale?: string;
				timezoneId?: string;
			},
		): Promise<BrowserContext>;
	};
	selectors: { setTestIdAttribute(name: string): void };
}

export const CHROMIUM = '/usr/bin/chromium';

/** The browser window (px); a screenshot may grow its height (test/e2e/gallery.ts). */
export const VIEWPORT = { width: 1440, height: 1100 };

/** A browser context on a fresh, empty profile folder (Chromium's --user-data-dir). */
export async function launchChromium(): Promise<{ context: BrowserContext; userDataDir: string }> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const playwright = require(PLAYWRIGHT_CORE) as PlaywrightCore;
	// n8n's front end marks elements with data-test-id.
	playwright.selectors.setTestIdAttribute('data-test-id');
	const userDataDir = mkdtempSync(join(tmpdir(), 'n8n-aep-e2e-chromium-'));
	const context = await playwright.chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		timeout: 60_000,
		viewport: VIEWPORT,
		locale: 'en-US',
		timezoneId: 'UTC',
		// Flags that work as root here (playwright adds --headless and the profile folder itself).
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
	return { context, userDataDir };
}
