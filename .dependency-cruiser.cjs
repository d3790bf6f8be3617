/**
 * `npm run lint` (deps): the shape of nodes/. Six layers, each importing only the ones below it:
 * kernel < flowService < node < resources < methods < the node folders. A resource folder shows
 * other resources only its api.ts, body.ts and fields.ts. No import circles.
 */
const below = (layer, allowed) => ({
	name: `${layer}-imports-down`,
	comment: `nodes/shared/${layer}/ imports only ${allowed.join(', ')}`,
	severity: 'error',
	from: { path: `^nodes/shared/${layer}/` },
	to: { path: '^nodes/', pathNot: `^nodes/shared/(${[layer, ...allowed].join('|')})/` },
});

module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			from: {},
			to: { circular: true },
		},
		below('kernel', []),
		below('flowService', ['kernel']),
		below('node', ['kernel', 'flowService']),
		below('resources', ['kernel', 'flowService', 'node']),
		below('methods', ['kernel', 'flowService', 'node', 'resources']),
		{
			name: 'resource-private',
			comment: "a resource imports another resource's api.ts, body.ts or fields.ts only",
			severity: 'error',
			from: { path: '^nodes/shared/resources/([^/]+)/' },
			to: {
				path: '^nodes/shared/resources/[^/]+/',
				pathNot: [
					'^nodes/shared/resources/$1/',
					'^nodes/shared/resources/[^/]+/(api|body|fields)[.]ts$',
				],
			},
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		includeOnly: '^(nodes|credentials|index[.]ts)',
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
	},
};
