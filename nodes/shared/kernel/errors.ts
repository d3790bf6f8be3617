/**
 * Turns Adobe's three error shapes (Flow Service, API gateway, IMS) and transport failures into
 * one description with a plain "what to do". Pure: no n8n types, so it is unit-tested directly.
 */
export type AdobeErrorSource = 'flow-service' | 'gateway' | 'ims' | 'http' | 'network';

export interface DecodedAdobeError {
	source: AdobeErrorSource;
	status?: number;
	/** Adobe's code: "FLOW-2100-404", "401013", "invalid_client", or a socket code such as "ECONNRESET". */
	code?: string;
	title: string;
	detail?: string;
	requestId?: string;
	hint: string;
}

/**
 * What to fix, per Flow Service code; a `<code>-<status>` key wins, as Adobe reuses codes (1404-400
 * vs 1404-412). Adobe: sources error reference (help/sources/errors/*.md).
 */
const FLOW_HINTS: Record<string, string> = {
	'1300': 'The request body was not valid JSON. This is a bug in the node; please report it.',
	'1304': 'A mandatory field is missing. Fill in every required field of the node.',
	'1360': 'The dataflow\'s start time is in the past. Set "Start Time" to a time in the future.',
	'1361':
		'A dataflow with frequency "once" takes no interval. Leave "Interval" empty or choose another frequency.',
	'1362':
		'The interval is too small for this frequency: at least 15 for "minute", at least 1 otherwise. Raise "Interval".',
	'1363':
		'"Interval" must be a whole number allowed for this frequency (at least 15 for "minute", at least 1 otherwise).',
	'1364':
		'A dataflow with frequency "once" cannot backfill. Turn "Backfill" off or choose another frequency.',
	'1366':
		'The scheduled start of this dataflow has passed, so its start time can no longer change. Leave "Start Time" out of the update.',
	'1367':
		'A scheduled dataflow from a table needs a delta column. Set "Delta Column" to a column that tells new rows apart (e.g. updated_at).',
	'1369':
		'A dataflow with frequency "once" takes no delta column. Leave "Delta Column" empty, or choose a recurring frequency.',
	'1380': 'Adobe could not create the flow run. Check that the dataflow is enabled and try again.',
	'1381': '"Window End" is before "Window Start". Swap or fix the window.',
	'1382':
		'The delta column differs from the one this dataflow\'s first run used. Leave "Delta Column" empty or use the same column.',
	'1383':
		'The first on-demand run of a dataflow needs a delta column. Set "Delta Column" (e.g. updated_at).',
	'1384':
		'The run parameters are not valid. Check "Window Start", "Window End" and "Delta Column".',
	'1385':
		'The run parameters are not valid for this dataflow. Check "Window Start", "Window End" and "Delta Column".',
	'1386':
		'Only a dataflow scheduled "once" can be run on demand. Create a dataflow with frequency "once", or wait for this one\'s schedule.',
	'1387': "Only a failed run can be retried. Check the run's status (Flow Run > Get) first.",
	'1388': 'The dataflow is disabled. Enable it (Dataflow > Enable), then retry the run.',
	'1397': 'The frequency must be once, minute, hour, day or week.',
	'1401': '"limit" cannot be combined with count=true.',
	'1403': 'Updates need the current etag (If-Match). Leave "ETag" empty so the node fetches it.',
	'1403-400':
		'Either the If-Match etag was missing (leave "ETag" empty so the node fetches it), or the dataflow\'s scheduled start has passed and it can no longer switch to frequency "once" (Adobe uses this code for both).',
	'1404':
		'The object changed since its etag was read (stale etag). Run Get again and retry with the new etag, or leave "ETag" empty so the node fetches the current one.',
	'1404-400':
		'The dataflow\'s scheduled start has passed, so "Backfill" can no longer change. Leave it out of the update.',
	'1410':
		"A dataflow's state cannot be set when it is created. Create it, then use Dataflow > Enable or Disable.",
	'1412':
		'The mapping version is not a version of the mapping set. Use a version the mapping set has (Mapping Set > Get shows it; a new set has version 0).',
	'1414': "A connection's connection spec cannot be changed. Create a new connection instead.",
	'1415':
		'Adobe does not know this authentication spec. The Redshift source expects "Basic Authentication".',
	'1418':
		'The connection is still used by one or more dataflows. Delete those dataflows (or their source connections) first, then delete the connection.',
	'1201':
		"Adobe could not sign in to Redshift with the base connection: check its server, port, username, password and database (Base Connection > Test), and that the Redshift cluster accepts connections from Adobe's IP addresses for your region.",
	'1419':
		'Data Prep refused the mapping (permissions on the mapped fields). Check that the API project may write those XDM fields, then run Mapping Set › Validate.',
	'1307':
		'A Data Lake target connection must use the Data Lake connection spec c604ff05-7f1a-43c0-8e18-33bf874cb11c. This is a bug in the node; please report it.',
	'1325':
		'The target connection needs a dataset (params.dataSetId). Choose a dataset in the Dataset field.',
	'1425':
		"The dataset's schema differs from the mapping set's output schema (same ID and version are required). Use a mapping set made for the target dataset's schema, and a target connection created from that dataset (its schema is read from it).",
	'2200':
		"Flow Service could not reach Catalog to check the dataset's schema. Try again in a few minutes.",
	'1422':
		"This action cannot be applied in the dataflow's current state (e.g. enabling an enabled dataflow). Get the dataflow to see its state.",
	'1439':
		'No object with this ID exists in this sandbox (a connection ID, dataflow ID, run ID, mapping set ID or dataset ID). Check the ID and the sandbox name.',
	'1455':
		'This field of a dataflow cannot be updated. Change only name, description, schedule or mapping version.',
	'1103': 'Adobe Flow Service is temporarily unavailable. Try again in a few minutes.',
	'1104': 'Adobe Flow Service timed out. Try again in a few minutes.',
	'2100':
		'The sandbox does not exist or is not active for this org. Check the sandbox name (its lower-case technical name, e.g. "prod") in the credential or in the node\'s Sandbox option.',
	'2105': 'The x-sandbox-name header is missing. Set a sandbox name in the credential.',
	'2118':
		'The API project lacks a permission for this sandbox. In Adobe Admin Console, add the Sources permissions (View Sources, Manage Sources) and the sandbox to the product profile of the API project.',
	'2120':
		'The API project lacks a permission for this sandbox. In Adobe Admin Console, add the Sources permissions (View Sources, Manage Sources) and the sandbox to the product profile of the API project.',
	'2250': 'Flow Service could not reach Data Prep (mapping sets). Try again in a few minutes.',
};

/**
 * Hints that depend on what was asked: keyed by the Flow Service resource the request went to
 * (see flowResource), then by "<METHOD> <code>" or "<code>" (any method). They win over FLOW_HINTS.
 */
const FLOW_HINTS_BY_COLLECTION: Record<string, Record<string, string>> = {
	sourceConnections: {
		'POST 1439':
			'The base connection or the table was not found in this sandbox. Check the Connection (it must be a Redshift base connection of this sandbox) and the Table (its path as List Tables shows it, e.g. public.orders).',
		'1439':
			'No source connection with this ID exists in this sandbox. Check the Source Connection ID and the sandbox name.',
		'1418':
			'The source connection is used by a dataflow. Delete that dataflow first, then delete the source connection.',
	},
	targetConnections: {
		'1439':
			'No target connection with this ID exists in this sandbox. Check the Target Connection and the sandbox name.',
		'1418':
			'The target connection is used by a dataflow. Delete that dataflow first (Dataflow > Delete), then delete the target connection.',
	},
	'connections/explore': {
		'1439':
			'The base connection or the table was not found in this sandbox. Check the Connection, the Table (its path as List Tables shows it, e.g. public.orders) and the sandbox name.',
	},
};

/** The Flow Service resource of a path, e.g. "sourceConnections" or "connections/explore". */
function flowResource(path: string | undefined): string | undefined {
	const match = path?.match(/\/flowservice\/([A-Za-z]+)(?:\/[^/?]+\/([A-Za-z]+))?/);
	if (!match) return undefined;
	return match[2] ? `${match[1]}/${match[2]}` : match[1];
}

/** What was asked, for hints that depend on it: the HTTP method and the path below the Platform URL. */
export interface AskedFor {
	method: string;
	path: string;
}

/** The hint for Flow Service error `code` with HTTP `status`: what was asked first, then the code with its status, then the code. */
function flowHint(code: string, status: string, asked: AskedFor | undefined): string | undefined {
	const byCollection = FLOW_HINTS_BY_COLLECTION[flowResource(asked?.path) ?? ''];
	return (
		byCollection?.[`${asked?.method.toUpperCase()} ${code}`] ??
		byCollection?.[code] ??
		FLOW_HINTS[`${code}-${status}`] ??
		FLOW_HINTS[code]
	);
}

/**
 * Hints for the other services' codes, by `<service>-<code>` (Catalog CAT, Schema Registry XDM,
 * Data Prep DPREP), where a Flow Service hint of the same number would mislead.
 */
const SERVICE_HINTS: Record<string, string> = {
	'CAT-1439':
		'No dataset with this ID exists in this sandbox. Check the dataset ID and the sandbox name (Dataset › Get Many lists them).',
	'CAT-1301':
		"Catalog refused the request: check the Dataset Name and that the schema is one of your tenant's XDM schemas.",
	'XDM-1013':
		'No XDM schema with this ID exists for your tenant. Choose the schema from the list, or give its $id (https://ns.adobe.com/...) or meta:altId.',
	'XDM-1012':
		'The Schema Registry cannot give the schema in the requested format. This is a bug in the node; please report it.',
	'DPREP-1000':
		"Data Prep refused the mapping set: each destination must be a leaf field of the dataset's schema, mapped once. Run Mapping Set › Validate to see which mapping fails.",
	'DPREP-1439':
		'No mapping set with this ID (or version) exists in this sandbox. Check the mapping set ID, its version and the sandbox name.',
};

/** Flow Service codes that mean the same in every service (the sandbox header and permissions). */
const PLATFORM_WIDE_CODES: ReadonlySet<string> = new Set(['1300', '2100', '2105', '2118', '2120']);

/** The hint for an Adobe code such as FLOW-1418-400: the service's, else Flow Service's, else by HTTP status. */
function codeHint(
	service: string,
	code: string,
	suffix: string,
	status: number | undefined,
	asked: AskedFor | undefined,
): string {
	const specific = SERVICE_HINTS[`${service}-${code}`];
	if (specific) return specific;
	const shared =
		service === 'FLOW' || PLATFORM_WIDE_CODES.has(code) ? flowHint(code, suffix, asked) : undefined;
	return shared ?? statusHint(status ?? Number(suffix));
}

const GATEWAY_HINTS: Record<string, string> = {
	'401013':
		"The access token was not accepted. n8n fetches a new token automatically; if this persists, check that the Client ID, Client Secret and IMS Org ID in the credential belong to the same Adobe Developer Console project. The credential's IMS URL and Platform URL must also belong to the same Adobe environment (both production, or both stage).",
	'403000': 'The API key (x-api-key) is missing. Set the Client ID in the credential.',
	'403003':
		'The API key is not valid. The Client ID must be the one of an Adobe Developer Console project with the Experience Platform API added.',
	'400003':
		'The IMS org header is missing. Set the IMS Org ID (ends in @AdobeOrg) in the credential.',
	'403025':
		'The IMS Org ID does not match the API project, or the project has no Experience Platform product profile. Check the IMS Org ID in the credential.',
	'429050':
		"Too many requests: Adobe is throttling this client. Lower the node's concurrency or try again later.",
};

const IMS_HINTS: Record<string, string> = {
	invalid_client:
		'Adobe IMS rejected the client. Check the Client ID and Client Secret in the credential (Adobe Developer Console > your project > OAuth Server-to-Server).',
	invalid_scope:
		'Adobe IMS rejected the scopes. Use the scopes shown in your Developer Console project, e.g. openid,AdobeID,read_organizations,additional_info.projectedProductContext,session.',
	unauthorized_client:
		'This client may not use the client_credentials grant. Use an OAuth Server-to-Server credential from Adobe Developer Console.',
	invalid_request:
		"Adobe IMS rejected the token request. Check the credential's Client ID, Client Secret and scopes.",
};

const NETWORK_HINTS: Record<string, string> = {
	ECONNREFUSED:
		"The connection was refused. Check the credential's Platform/IMS URL and that the host is reachable from n8n.",
	ENOTFOUND:
		"The host name could not be resolved. Check the credential's Platform/IMS URL and n8n's DNS/proxy settings.",
	ECONNRESET:
		'The connection was reset before Adobe answered. Try again; if it persists, check proxies between n8n and Adobe.',
	ECONNABORTED:
		"Adobe did not answer within the timeout. Try again later or raise the node's timeout option.",
	ETIMEDOUT:
		"Adobe did not answer within the timeout. Try again later or raise the node's timeout option.",
};

function statusHint(status: number | undefined): string {
	if (status === undefined) return 'Check the network between n8n and Adobe, then try again.';
	if (status === 400) return "Adobe rejected the request. Check the node's fields.";
	if (status === 401)
		return "The credential was not accepted. Check the Client ID, Client Secret and IMS Org ID. The credential's IMS URL and Platform URL must also belong to the same Adobe environment (both production, or both stage).";
	if (status === 403)
		return 'Access denied. The API project may lack the Experience Platform Sources permissions for this sandbox.';
	if (status === 404) return 'Not found. Check the ID and the sandbox name.';
	if (status === 409)
		return 'Conflict with the current state of the resource. Fetch it again and retry.';
	if (status === 412) return FLOW_HINTS['1404'];
	if (status === 429)
		return "Too many requests: Adobe is throttling this client. Lower the node's concurrency or try again later.";
	if (status >= 500) return 'Adobe had a server error. Try again in a few minutes.';
	return "Check the node's fields and the credential, then try again.";
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

function asText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** Adobe's own code of a body without a coded `type`: `errorCode` (Data Prep, Catalog) or `code`. */
function bodyCode(record: Record<string, unknown> | undefined): string | undefined {
	const code = record?.errorCode ?? record?.code;
	return typeof code === 'number' ? String(code) : asText(code);
}

/** How deep nested errors are read (sub-errors of sub-errors…), and how many messages are kept. */
const MAX_ERROR_DEPTH = 6;
const MAX_ERROR_MESSAGES = 20;

/** The messages of an error answer, depth first, through `errors[]`, `report.sub-errors[]` and `error`. */
function errorMessages(entry: unknown, depth = 0): string[] {
	const text = asText(entry);
	if (text !== undefined) return [text];
	if (depth > MAX_ERROR_DEPTH) return [];
	if (Array.isArray(entry)) return entry.flatMap((item) => errorMessages(item, depth + 1));
	const record = asRecord(entry);
	if (!record) return [];
	const report = asRecord(record.report);
	const own =
		asText(report?.['detailed-message']) ??
		asText(record.detail) ??
		asText(record.message) ??
		asText(record.errorMessage) ??
		asText(record.description);
	const nested = [record.errors, report?.['sub-errors'], asRecord(record.error)].flatMap((inner) =>
		inner === undefined ? [] : errorMessages(inner, depth + 1),
	);
	return own === undefined ? nested : [own, ...nested];
}

/** Adobe's detail from any error shape these services use (see errorMessages), each message once. Not cut here. */
function bodyDetail(body: unknown): string | undefined {
	const messages = [...new Set(errorMessages(body))].slice(0, MAX_ERROR_MESSAGES);
	return messages.length ? messages.join('; ') : undefined;
}

/** A JSON answer of unknown shape, kept whole (compact); undefined when it says nothing beyond title and status. */
function unknownShape(body: unknown): string | undefined {
	const record = asRecord(body);
	const said = record
		? Object.keys(record).some((key) => !['type', 'title', 'status'].includes(key))
		: Array.isArray(body) && body.length > 0;
	return said ? JSON.stringify(body) : undefined;
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
};

/** Blocks of a page that hold no words for people: their opening, and what closes them. */
const HIDDEN_BLOCKS: ReadonlyArray<[string, string]> = [
	['<script', '</script'],
	['<style', '</style'],
	['<!--', '-->'],
];

/** A page without scripts, styles and comments; linear with indexOf (lazy regexes are quadratic here). */
function dropHiddenBlocks(page: string): string {
	const lower = page.toLowerCase();
	const next = HIDDEN_BLOCKS.map(([open]) => lower.indexOf(open));
	let out = '';
	let at = 0;
	for (;;) {
		HIDDEN_BLOCKS.forEach(([open], i) => {
			if (next[i] !== -1 && next[i] < at) next[i] = lower.indexOf(open, at);
		});
		const starts = next.filter((start) => start !== -1);
		if (!starts.length) return out + page.slice(at);
		const start = Math.min(...starts);
		const [open, close] = HIDDEN_BLOCKS[next.indexOf(start)];
		out += `${page.slice(at, start)} `;
		const end = lower.indexOf(close, start + open.length);
		if (end === -1) return out;
		const after = close === '-->' ? end + close.length : lower.indexOf('>', end) + 1;
		at = after > 0 ? after : lower.length;
	}
}

/** The text of an HTML/XML error page (a proxy's or CDN's), linear in its length. */
function markupText(page: string): string {
	return dropHiddenBlocks(page)
		.replace(/<[^<>]*>/g, ' ')
		.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (entity: string, name: string) => {
			const code = /^#x/i.test(name)
				? parseInt(name.slice(2), 16)
				: name.startsWith('#')
					? Number(name.slice(1))
					: undefined;
			if (code === undefined) return ENTITIES[name.toLowerCase()] ?? entity;
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
		})
		.replace(/\s+/g, ' ')
		.trim();
}

/** Whether a body is a page (an HTML or XML document), not a message that happens to start with `<`. */
function isPage(text: string): boolean {
	return (
		/^<(?:!doctype|\?xml|html|head|body)\b/i.test(text) ||
		(text.startsWith('<') && text.endsWith('>') && text.includes('</'))
	);
}

/** The request ID an error body carries: Flow Service `report.request-id`, Schema Registry `report.registryRequestId`. */
function bodyRequestId(record: Record<string, unknown> | undefined): string | undefined {
	const report = asRecord(record?.report);
	return (
		asText(report?.['request-id']) ??
		asText(report?.registryRequestId) ??
		asText(record?.requestId) ??
		asText(record?.['x-request-id'])
	);
}

/** The service a Platform path belongs to, by its prefix (for hints when the body carries no code). */
const SERVICE_OF_PATH: Array<[RegExp, string]> = [
	[/\/data\/foundation\/schemaregistry\//, 'XDM'],
	[/\/data\/foundation\/conversion\//, 'DPREP'],
	[/\/data\/foundation\/catalog\//, 'CAT'],
];

/** Hints by service and HTTP status, for answers that carry no Adobe code (e.g. `{title, status, detail}`). */
const SERVICE_STATUS_HINTS: Record<string, string> = {
	'XDM-404': SERVICE_HINTS['XDM-1013'],
	'XDM-406': SERVICE_HINTS['XDM-1012'],
	'DPREP-400': SERVICE_HINTS['DPREP-1000'],
	'DPREP-404': SERVICE_HINTS['DPREP-1439'],
	'CAT-404': SERVICE_HINTS['CAT-1439'],
	'CAT-400': SERVICE_HINTS['CAT-1301'],
};

function uncodedHint(status: number | undefined, asked: AskedFor | undefined): string {
	const service = SERVICE_OF_PATH.find(([pattern]) => pattern.test(asked?.path ?? ''))?.[1];
	return SERVICE_STATUS_HINTS[`${service}-${status}`] ?? statusHint(status);
}

/**
 * Decodes an HTTP error answer (status + body). `asked` (method and path) picks call-specific hints,
 * e.g. FLOW-1439-404 on a source connection create. Reads Flow Service, Schema Registry, RFC 7807
 * and other shapes; text is kept as received.
 */
export function decodeAdobeErrorResponse(
	status: number | undefined,
	rawBody: unknown,
	asked?: AskedFor,
): DecodedAdobeError {
	const body = parseBody(rawBody);
	const record = asRecord(body);

	const type = asText(record?.type);
	const flowCode = type?.match(/([A-Z]+)-(\d+)-(\d{3})$/);
	if (record && flowCode) {
		return {
			source: 'flow-service',
			status: typeof record.status === 'number' ? record.status : status,
			code: `${flowCode[1]}-${flowCode[2]}-${flowCode[3]}`,
			title: asText(record.title) ?? 'Flow Service error',
			detail: bodyDetail(record),
			requestId: bodyRequestId(record),
			hint: codeHint(flowCode[1], flowCode[2], flowCode[3], status, asked),
		};
	}

	const gatewayCode = record?.error_code;
	if (record && (typeof gatewayCode === 'string' || typeof gatewayCode === 'number')) {
		const code = String(gatewayCode);
		return {
			source: 'gateway',
			status,
			code,
			title: asText(record.message) ?? 'Adobe API gateway error',
			hint: GATEWAY_HINTS[code] ?? statusHint(status),
		};
	}

	// OAuth error codes are lower case with underscores (RFC 6749 5.2: invalid_client); a reason
	// phrase ('Not Found', Spring's {status, error, message}) is a Platform service's, not IMS's.
	const imsCode = asText(record?.error);
	if (record && imsCode && !record.type && /^[a-z][a-z0-9_]*$/.test(imsCode)) {
		return {
			source: 'ims',
			status,
			code: imsCode,
			title: 'the token request was refused',
			detail: asText(record.error_description),
			hint: IMS_HINTS[imsCode] ?? statusHint(status),
		};
	}

	// Not cut here, nor a page read as text: scrubDecodedError does both after scrubbing.
	const text = typeof body === 'string' ? body.trim() : undefined;
	const adobeTitle = asText(record?.title) ?? asText(record?.error);
	const code = bodyCode(record);
	const typed = code?.match(/^([A-Z]+)-(\d+)-(\d{3})$/);
	const answered = status === undefined ? 'Adobe did not answer' : `Adobe answered HTTP ${status}`;
	return {
		source: 'http',
		status,
		code,
		title: adobeTitle && status !== undefined ? `${adobeTitle} (HTTP ${status})` : answered,
		detail: text || bodyDetail(body) || unknownShape(body) || adobeTitle,
		requestId: bodyRequestId(record),
		hint: typed
			? codeHint(typed[1], typed[2], typed[3], status, asked)
			: uncodedHint(status, asked),
	};
}

/** Decodes a failure where no HTTP answer arrived (socket codes from Node/axios). */
export function decodeNetworkError(
	code: string | undefined,
	message: string | undefined,
): DecodedAdobeError {
	const key = code ?? '';
	return {
		source: 'network',
		code,
		title:
			key === 'ECONNABORTED' || key === 'ETIMEDOUT'
				? 'Adobe did not answer in time'
				: 'Could not reach Adobe',
		detail: message,
		hint: NETWORK_HINTS[key] ?? statusHint(undefined),
	};
}

/** True for the statuses that ask the client to go elsewhere (301, 302, 303, 307, 308...). */
export function isRedirectStatus(status: number | undefined): boolean {
	return status !== undefined && status >= 300 && status < 400;
}

/** A refused redirect (Adobe never redirects; following would leak secrets); names only the host. */
export function decodeRedirect(
	status: number,
	location: unknown,
	requestUrl: string,
	service: 'IMS URL' | 'Platform URL',
): DecodedAdobeError {
	let target = 'a location it did not name';
	if (
		typeof location === 'string' &&
		location.trim() !== '' &&
		URL.canParse(location.trim(), requestUrl)
	) {
		target = `host "${new URL(location.trim(), requestUrl).host}"`;
	}
	return {
		source: 'http',
		status,
		title: `The server redirected the request (HTTP ${status}) to ${target}; the redirect was not followed`,
		hint: `Adobe's APIs do not redirect, so nothing was sent there. Check the credential's ${service}: it must be Adobe's own address${service === 'IMS URL' ? ' (https://ims-na1.adobelogin.com)' : ' (https://platform.adobe.io)'}, not a proxy or a moved host.`,
	};
}

/** A one-line message (code first, so people can search for it) and a description with the fix. */
export function formatAdobeError(decoded: DecodedAdobeError): {
	message: string;
	description: string;
} {
	const code = decoded.code ? ` ${decoded.code}` : '';
	const statusKnown =
		decoded.status === undefined ||
		decoded.code?.endsWith(String(decoded.status)) ||
		decoded.title.includes(`HTTP ${decoded.status}`);
	const status = statusKnown ? '' : ` (HTTP ${decoded.status})`;
	const message = `${decoded.title}${code ? ` [${code.trim()}]` : ''}${status}`;
	const lines = [
		decoded.detail,
		`What to do: ${decoded.hint}`,
		decoded.requestId ? `Adobe request ID: ${decoded.requestId}` : undefined,
	];
	return { message, description: lines.filter((line): line is string => !!line).join('\n') };
}

// Bearer credentials and JWTs (Adobe's access tokens are JWTs) are masked even when not known.
const TOKEN_PATTERNS = [
	/Bearer\s+[A-Za-z0-9._~+/=%-]+/gi,
	/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];

/** Shorter values would match ordinary words and mangle the text. */
const MIN_SECRET_LENGTH = 4;

const HTML_ENTITIES: Record<string, string[]> = {
	'&': ['&amp;', '&#38;', '&#x26;'],
	'<': ['&lt;', '&#60;', '&#x3c;'],
	'>': ['&gt;', '&#62;', '&#x3e;'],
	'"': ['&quot;', '&#34;', '&#x22;'],
	"'": ['&#39;', '&#x27;', '&apos;'],
};

function unicodeEscape(char: string): string {
	return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The forms an echoed secret takes: raw, JSON-, \uXXXX-, URL- and HTML-escaped. */
function secretForms(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const jsonAscii = json.replace(/[^\x20-\x7e]/g, unicodeEscape);
	const allUnicode = secret.split('').map(unicodeEscape).join('');
	const url = encodeURIComponent(secret);
	// encodeURIComponent leaves !'()* alone; stricter encoders do not.
	const urlStrict = url.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16)}`);
	const htmlForms = Object.values(HTML_ENTITIES)[0].map((_, variant) =>
		secret.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char][variant]),
	);
	// Some JSON encoders also escape "/" as "\\/".
	return [
		secret,
		json,
		json.replace(/\//g, '\\/'),
		jsonAscii,
		allUnicode,
		url,
		urlStrict,
		urlStrict.replace(/%20/g, '+'),
		...htmlForms,
	];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches either case of each hex digit. */
function anyCaseHex(hex: string): string {
	return hex.replace(/[a-f]/gi, (digit) => `[${digit.toLowerCase()}${digit.toUpperCase()}]`);
}

/** A pattern for one encoded form, with the hex digits of %XX, \uXXXX and &#xXX; in either case. */
function formPattern(form: string): string {
	return escapeRegExp(form)
		.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => `%${anyCaseHex(hex)}`)
		.replace(/\\\\u([0-9a-f]{4})/gi, (_, hex: string) => `\\\\u${anyCaseHex(hex)}`)
		.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => `&#[xX]${anyCaseHex(hex)};`);
}

/**
 * The one secret scrubber: every secret in every echoed form, and bearer/JWT-shaped text, becomes
 * "***"; secrets under 4 characters are ignored. Scrub before truncating.
 */
export function scrubSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let result = text;
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH)
			for (const form of secretForms(secret)) forms.add(form);
	}
	// Longest first, so a form that contains another is replaced whole.
	const ordered = [...forms].sort((a, b) => b.length - a.length);
	if (ordered.length > 0)
		result = result.replace(new RegExp(ordered.map(formPattern).join('|'), 'g'), '***');
	for (const pattern of TOKEN_PATTERNS) result = result.replace(pattern, '***');
	return result;
}

/** How much of each field people see; longer text is cut (after scrubbing). */
const FIELD_LIMITS = { title: 1000, detail: 300, hint: 600, code: 100, requestId: 100 } as const;

function cut(text: string, limit: number): string {
	return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** A decoded error safe to show: every text field scrubbed, then cut; a page is read as text too. */
export function scrubDecodedError(
	decoded: DecodedAdobeError,
	secrets: ReadonlyArray<string | undefined>,
): DecodedAdobeError {
	const clean = (text: string | undefined, limit: number) =>
		text === undefined ? undefined : cut(scrubSecrets(text, secrets), limit);
	// A page (a proxy's or CDN's HTML) is scrubbed as sent (a secret may hold `<`), then read as
	// text (entities decoded: scrubbed again by clean), so its words survive the cut, not its markup.
	const detail = decoded.detail?.trim();
	return {
		...decoded,
		title: clean(decoded.title, FIELD_LIMITS.title) as string,
		detail: clean(
			detail !== undefined && isPage(detail)
				? markupText(scrubSecrets(detail, secrets))
				: decoded.detail,
			FIELD_LIMITS.detail,
		),
		hint: clean(decoded.hint, FIELD_LIMITS.hint) as string,
		code: clean(decoded.code, FIELD_LIMITS.code),
		requestId: clean(decoded.requestId, FIELD_LIMITS.requestId),
	};
}
