/**
 * The two error shapes Adobe answers with. Handlers throw these; the server renders them.
 * Messages name fields, never their values, so secrets cannot leak through errors.
 */

/** Adobe I/O gateway errors (token, API key, org): {error_code, message}. */
export class GatewayError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string,
		message: string,
	) {
		super(message);
	}

	body() {
		return { error_code: this.errorCode, message: this.message };
	}
}

/**
 * Platform service errors. `code` is e.g. '1304-400'; the suffix is the HTTP status. `service` is
 * FLOW, or CAT for Catalog, XDM for the Schema Registry and DPREP for Data Prep, set by those
 * services' routers on errors raised by shared validators; it picks the body's shape (see body).
 */
export class FlowError extends Error {
	readonly status: number;
	service = 'FLOW';

	constructor(
		readonly code: string,
		readonly title: string,
		detail: string,
	) {
		super(detail);
		this.status = Number(code.split('-')[1]);
	}

	/**
	 * The body in the service's shape: Schema Registry as schema-registry.yaml's `errorBasic`
	 * (`http://` type, `report.registryRequestId`, `detail`); Data Prep as RFC 7807
	 * `{title, status, detail}` with no typed code (emulator choice: data-prep.yaml documents no error
	 * body); Flow Service and Catalog `{type, title, status, report}`.
	 */
	body(requestId: string) {
		if (this.service === 'XDM')
			return {
				type: `http://ns.adobe.com/aep/errors/XDM-${this.code}`,
				title: this.title,
				status: this.status,
				report: {
					registryRequestId: requestId,
					timestamp: new Date().toISOString(),
					'detailed-message': this.message,
					'sub-errors': [],
				},
				detail: this.message,
			};
		if (this.service === 'DPREP')
			return { title: this.title, status: this.status, detail: this.message };
		return {
			type: `https://ns.adobe.com/aep/errors/${this.service}-${this.code}`,
			title: this.title,
			status: this.status,
			report: { 'detailed-message': this.message, 'request-id': requestId },
		};
	}
}

/** IMS OAuth errors: {error, error_description}, always 400 here. */
export class ImsError extends Error {
	constructor(
		readonly error: string,
		description: string,
	) {
		super(description);
	}

	body() {
		return { error: this.error, error_description: this.message };
	}
}

export const gateway = {
	tokenInvalid: () => new GatewayError(401, '401013', 'Oauth token is not valid'),
	apiKeyMissing: () => new GatewayError(403, '403000', 'Api Key is required'),
	apiKeyInvalid: () => new GatewayError(403, '403003', 'Api Key is invalid'),
	orgMissing: () => new GatewayError(400, '400003', 'Missing x-gw-ims-org-id header'),
	profileInvalid: () => new GatewayError(403, '403025', 'Profile is not valid'),
	notFound: () => new GatewayError(404, '404000', 'Resource not found'),
};

/**
 * Codes marked (emulator) are our choice where Adobe publishes none; the others follow Adobe's
 * error reference.
 */
export const flow = {
	malformedJson: () =>
		new FlowError('1300-400', 'Malformed request body', 'The request body is not valid JSON'), // (emulator)
	invalid: (detail: string) => new FlowError('1301-400', 'Invalid request', detail), // (emulator)
	unsupportedMediaType: () =>
		new FlowError('1302-415', 'Unsupported media type', "Content-Type must be 'application/json'"), // (emulator)
	mandatory: (field: string) =>
		new FlowError(
			'1304-400',
			'Mandatory field not provided',
			`Mandatory field '${field}' is not provided`,
		),
	limitWithCount: () =>
		new FlowError(
			'1401-400',
			'Invalid query parameters',
			"'limit' cannot be used together with 'count'",
		),
	ifMatchMissing: () =>
		new FlowError('1403-400', 'If-Match header missing', 'The If-Match header is required'),
	etagMismatch: () =>
		new FlowError(
			'1404-412',
			'Precondition failed',
			'The If-Match etag does not match the current version',
		),
	specImmutable: () =>
		new FlowError(
			'1414-400',
			'Invalid update',
			'The connectionSpec of a connection cannot be changed',
		),
	authSpecNotFound: () =>
		new FlowError(
			'1415-400',
			'Auth spec not found',
			'auth.specName does not name an auth spec of the connection spec',
		),
	inUse: () =>
		new FlowError(
			'1418-400',
			'Connection in use',
			'The connection is used by one or more dataflows and cannot be deleted',
		),
	notFound: (what: string) =>
		new FlowError('1439-404', 'Resource not found', `${what} was not found`),
	sourceUnreachable: () =>
		new FlowError(
			'1201-400',
			'Connection to source failed',
			'Could not connect to the source with the given parameters',
		), // (emulator)
	methodNotAllowed: () =>
		new FlowError('1006-405', 'Method not allowed', 'Method not allowed on this resource'), // (emulator)
	sandboxMissing: () =>
		new FlowError('2105-400', 'Sandbox header missing', 'The x-sandbox-name header is required'),
	sandboxNotFound: (name: string) =>
		new FlowError('2100-404', 'Sandbox not found', `Sandbox '${name}' not found`),

	// Dataflow rules, from Adobe's sources error reference (help/sources/errors/*.md).
	startTimeInPast: () =>
		new FlowError(
			'1360-400',
			'Invalid schedule',
			"'scheduleParams.startTime' cannot be in the past",
		),
	intervalWithOnce: () =>
		new FlowError(
			'1361-400',
			'Invalid schedule',
			'\'scheduleParams.interval\' is not allowed with frequency "once"',
		),
	intervalTooSmall: (frequency: string, minimum: number) =>
		new FlowError(
			'1362-400',
			'Invalid schedule',
			`'scheduleParams.interval' must be at least ${minimum} for frequency "${frequency}"`,
		),
	intervalInvalid: () =>
		new FlowError(
			'1363-400',
			'Invalid schedule',
			"'scheduleParams.interval' must be a whole number",
		),
	backfillWithOnce: () =>
		new FlowError(
			'1364-400',
			'Invalid schedule',
			'\'scheduleParams.backfill\' is not allowed with frequency "once"',
		),
	startTimeLocked: () =>
		new FlowError(
			'1366-400',
			'Invalid update',
			"'scheduleParams.startTime' cannot change once the scheduled start has passed",
		),
	deltaColumnMissing: () =>
		new FlowError(
			'1367-400',
			'Delta column missing',
			"A scheduled flow from a table source needs a Copy transformation with 'deltaColumn'",
		),
	deltaColumnWithOnce: () =>
		new FlowError(
			'1369-400',
			'Delta column not allowed',
			'A \'deltaColumn\' is not allowed with frequency "once"',
		),
	runWindowInvalid: () =>
		new FlowError(
			'1381-400',
			'Invalid run',
			"'params.windowEndTime' is before 'params.windowStartTime'",
		),
	runDeltaChanged: () =>
		new FlowError(
			'1382-400',
			'Invalid run',
			"'params.deltaColumn' differs from the flow's delta column",
		),
	runDeltaMissing: () =>
		new FlowError(
			'1383-400',
			'Invalid run',
			"'params.deltaColumn' is required on the first run of the flow",
		),
	runParamsInvalid: (detail: string) => new FlowError('1384-400', 'Invalid run parameters', detail),
	runNotOnce: () =>
		new FlowError(
			'1386-400',
			'On-demand run not allowed',
			'Only a flow scheduled "once" can be run on demand',
		),
	retryNotFailed: () =>
		new FlowError('1387-400', 'Retry not allowed', 'Only a failed run can be retried'),
	retryFlowDisabled: () =>
		new FlowError(
			'1388-400',
			'Retry not allowed',
			'The flow is disabled: enable it before retrying a run',
		),
	invalidFrequency: () =>
		new FlowError(
			'1397-400',
			'Invalid schedule',
			"'scheduleParams.frequency' must be one of once, minute, hour, day, week",
		),
	onceAfterStart: () =>
		new FlowError(
			'1403-400',
			'Invalid update',
			'A flow cannot switch to frequency "once" after it has started',
		),
	backfillAfterStart: () =>
		new FlowError(
			'1404-400',
			'Invalid update',
			"'scheduleParams.backfill' cannot change after the flow has started",
		),
	stateOnCreate: () =>
		new FlowError('1410-400', 'Invalid request', "'state' cannot be set when creating a flow"),
	mappingVersionInvalid: () =>
		new FlowError(
			'1412-400',
			'Invalid mapping version',
			"'mappingVersion' is not a version of the mapping set",
		),
	actionNotApplicable: (op: string, state: string) =>
		new FlowError(
			'1422-400',
			'Action not applicable',
			`Action '${op}' cannot be applied to a flow that is ${state}`,
		),
	schemaMismatch: () =>
		new FlowError(
			'1425-400',
			'Schema mismatch',
			"The target dataset's schema differs from the mapping set's output schema (ID and version)",
		),
	patchPathInvalid: (path: string) =>
		new FlowError('1455-400', 'Invalid patch path', `Path '${path}' cannot be patched`),
};

/** Re-labels errors raised by shared validators for another service (CAT, XDM, DPREP). */
export function asService<T>(service: string, run: () => T): T {
	try {
		return run();
	} catch (err) {
		if (err instanceof FlowError) err.service = service;
		throw err;
	}
}
