/**
 * CPU time of a run split into our code and the rest, from a V8 CPU profile (node:inspector) of
 * the worker. Each busy sample goes to the script file of the function it hit; a sample in a
 * built-in without a file (JSON.parse, a RegExp, a native call) goes to the nearest caller that has
 * one. Files under this repository's `nodes/` or `dist/nodes/` are ours; other files (n8n-core and
 * n8n-workflow, the Code node, axios, the engine harness, Node's own modules) are the rest; samples
 * with no file on their stack at all (V8's "(program)" and "(garbage collector)") are the runtime.
 * Idle samples do not count.
 */
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const OURS = [join(ROOT, 'nodes'), join(ROOT, 'dist', 'nodes')].flatMap((dir) => [
	`${dir}/`,
	`${pathToFileURL(dir).href}/`,
]);

/** Sampled busy time, ms. */
export interface CpuSplit {
	oursMs: number;
	restMs: number;
	runtimeMs: number;
}

interface Profile {
	nodes: Array<{
		id: number;
		callFrame: { url: string; functionName: string };
		children?: number[];
	}>;
	samples: number[];
	timeDeltas: number[];
}

/** Runs `work` under the CPU profiler (sampling every `intervalUs` µs) and splits its busy time. */
export async function profiled<T>(
	work: () => Promise<T>,
	intervalUs = 500,
): Promise<{ value: T; split: CpuSplit }> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
	await session.post('Profiler.start');
	let value: T;
	let profile: Profile;
	try {
		value = await work();
	} finally {
		({ profile } = (await session.post('Profiler.stop')) as { profile: Profile });
		session.disconnect();
	}
	return { value, split: splitProfile(profile) };
}

function splitProfile(profile: Profile): CpuSplit {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);
	/** The file of the sample's function, or of its nearest caller with one; '' when none has. */
	const fileOf = (id: number): string => {
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
			const url = byId.get(at)?.callFrame.url;
			if (url) return url;
		}
		return '';
	};
	const split: CpuSplit = { oursMs: 0, restMs: 0, runtimeMs: 0 };
	profile.samples.forEach((id, i) => {
		if (byId.get(id)?.callFrame.functionName === '(idle)') return;
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		const file = fileOf(id);
		if (!file) split.runtimeMs += ms;
		else if (OURS.some((prefix) => file.startsWith(prefix))) split.oursMs += ms;
		else split.restMs += ms;
	});
	return split;
}
