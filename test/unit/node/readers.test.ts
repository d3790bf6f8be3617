import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

import { nodeTypeVersion, readNodeParameter } from '../../../nodes/shared/node/readers';

/** A stand-in execute context: stored parameters, and a resolver that counts the reads n8n would resolve. */
function context(stored: Record<string, unknown>) {
	const resolved: string[] = [];
	let nodeReads = 0;
	const ctx = {
		getNodeParameter: (
			name: string,
			itemIndex: number,
			fallback: unknown,
			options?: IGetNodeParameterOptions,
		) => {
			const value = name in stored ? stored[name] : fallback;
			if (options?.rawExpressions) return value;
			resolved.push(`${name}#${itemIndex}`);
			if (typeof value === 'string' && value.startsWith('='))
				return `${value.slice(1)} for item ${itemIndex}`;
			// n8n hands out a copy of a stored object.
			return value !== null && typeof value === 'object' ? structuredClone(value) : value;
		},
		getNode: () => {
			nodeReads++;
			return { typeVersion: 1.1 };
		},
	} as unknown as IExecuteFunctions;
	return { ctx, resolved, nodeReads: () => nodeReads };
}

describe('readNodeParameter', () => {
	it('resolves a parameter without an expression once per run, and an expression for every item', () => {
		const { ctx, resolved } = context({ port: 5439, name: '={{ $json.name }}' });
		const read = (name: string, item: number) =>
			readNodeParameter.call(ctx, name, item, null, { skipValidation: true });
		expect([read('port', 0), read('port', 1), read('port', 2)]).toEqual([5439, 5439, 5439]);
		expect([read('name', 0), read('name', 1)]).toEqual([
			'{{ $json.name }} for item 0',
			'{{ $json.name }} for item 1',
		]);
		expect(resolved).toEqual(['port#0', 'name#0', 'name#1']);
	});

	it('an unset parameter (its fallback) is read once; a different fallback or option is another read', () => {
		const { ctx, resolved } = context({});
		expect(readNodeParameter.call(ctx, 'options.sandboxName', 0, '')).toBe('');
		expect(readNodeParameter.call(ctx, 'options.sandboxName', 1, '')).toBe('');
		expect(readNodeParameter.call(ctx, 'options.sandboxName', 1, 'x')).toBe('x');
		expect(resolved).toEqual(['options.sandboxName#0', 'options.sandboxName#1']);
	});

	it('collections and other objects are read per item (they may hold expressions, and callers may change them)', () => {
		const { ctx, resolved } = context({ options: { concurrency: 4 } });
		const first = readNodeParameter.call(ctx, 'options', 0, {}) as Record<string, unknown>;
		first.concurrency = 99;
		expect(readNodeParameter.call(ctx, 'options', 1, {})).toEqual({ concurrency: 4 });
		expect(resolved).toEqual(['options#0', 'options#1']);
	});

	it('each run (execute context) has its own values', () => {
		const one = context({ port: 1 });
		const two = context({ port: 2 });
		expect(readNodeParameter.call(one.ctx, 'port', 0, null)).toBe(1);
		expect(readNodeParameter.call(two.ctx, 'port', 0, null)).toBe(2);
	});
});

describe('nodeTypeVersion', () => {
	it('reads the node (a deep copy in n8n) once per run', () => {
		const { ctx, nodeReads } = context({});
		expect([nodeTypeVersion.call(ctx), nodeTypeVersion.call(ctx)]).toEqual([1.1, 1.1]);
		expect(nodeReads()).toBe(1);
	});
});
