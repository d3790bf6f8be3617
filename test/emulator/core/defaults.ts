import { COLUMN_TYPES, DEFAULT_TABLES } from '../explore/tables';
import { DEFAULT_SCHEMAS } from '../schemaRegistry/schemas';
import { validateRateLimit } from './rateLimit';
import type { EmulatorOptions, Hosting, ResolvedOptions } from './types';

export const REDSHIFT_CONNECTION_SPEC_ID = '3416976c-a9ca-4bba-901a-1f08f66978ff';
export const REDSHIFT_CONNECTION_SPEC_VERSION = '1.0';
export const REDSHIFT_AUTH_SPEC_NAME = 'Basic Authentication';

/** Target connection spec of the Experience Platform Data Lake (datasets). */
export const DATA_LAKE_CONNECTION_SPEC_ID = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
/**
 * Flow spec "CRMToAEP": database sources (Redshift among them) -> Data Lake. From Adobe's tutorial
 * "Create a dataflow for database sources using the Flow Service API".
 */
export const DATABASE_FLOW_SPEC_ID = '14518937-270c-4525-bdec-c2ba7cce3860';
export const DATABASE_FLOW_SPEC_NAME = 'CRMToAEP';

export const FLOW_SERVICE_PREFIX = '/data/foundation/flowservice';
export const SANDBOX_MANAGEMENT_PATH = '/data/foundation/sandbox-management/';
export const IMS_PREFIX = '/ims/';
export const IMS_TOKEN_PATH = '/ims/token/v3';
export const CONTROL_PREFIX = '/__emulator/';

export const EMULATOR_DEFAULTS = Object.freeze({
	clientId: 'emulator-client-id',
	clientSecret: 'emulator-client-secret',
	orgId: 'EMULATOR0000000000000000@AdobeOrg',
	scopes: 'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session',
	sandboxes: Object.freeze([
		Object.freeze({
			name: 'prod',
			title: 'Production',
			type: 'production' as const,
			isDefault: true,
		}),
		Object.freeze({
			name: 'dev',
			title: 'Development',
			type: 'development' as const,
			isDefault: false,
		}),
	]),
	hosting: 'any' as Hosting,
	tokenLifetimeSeconds: 86399,
	latencyMs: 0,
	host: '127.0.0.1',
	port: 0,
});

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
	const d = EMULATOR_DEFAULTS;
	const hosting = options.hosting ?? d.hosting;
	if (!['azure', 'aws', 'any'].includes(hosting)) throw new Error(`Unknown hosting '${hosting}'`);
	const sandboxes = (options.sandboxes ?? d.sandboxes).map((s) => ({
		name: s.name,
		title: s.title,
		type: s.type ?? (s.name === 'prod' ? 'production' : 'development'),
		isDefault: s.isDefault ?? false,
	}));
	if (sandboxes.length === 0) throw new Error('At least one sandbox is required');
	const tables = options.tables ?? DEFAULT_TABLES;
	for (const t of tables) {
		for (const c of t.columns) {
			if (!COLUMN_TYPES.includes(c.type))
				throw new Error(`Unknown column type '${c.type}' in table '${t.path}'`);
		}
	}
	return {
		clientId: options.clientId ?? d.clientId,
		clientSecret: options.clientSecret ?? d.clientSecret,
		orgId: options.orgId ?? d.orgId,
		scopes: options.scopes ?? d.scopes,
		sandboxes,
		hosting,
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? d.tokenLifetimeSeconds,
		latencyMs: options.latencyMs ?? d.latencyMs,
		rateLimit: options.rateLimit === undefined ? undefined : validateRateLimit(options.rateLimit),
		tables: tables.map((t) => ({ path: t.path, columns: t.columns.map((c) => ({ ...c })) })),
		schemas: structuredClone([...(options.schemas ?? DEFAULT_SCHEMAS)]),
		rejectPastStartTime: options.rejectPastStartTime ?? false,
		host: options.host ?? d.host,
		port: options.port ?? d.port,
	};
}
