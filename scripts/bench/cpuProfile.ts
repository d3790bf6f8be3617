/**
 * CPU time of a run split into our code and the rest, from a V8 CPU profile (node:inspector) of
 * the worker: each sample's self time goes to the script file of the function it hit; files under
 * this repository's `nodes/` or `dist/nodes/` are ours, everything else (n8n-core and
 * n8n-workflow, the Code node, axios, the engine harness, Node's own code, garbage collection) is
 * the rest. Idle samples do not count.
 */
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const OURS = [join(ROOT, 'nodes'), join(ROOT, 'dist', 'nodes')].flatMap((dir) => [
	`${dir}/`,
	`${pathToFileURL(dir).href}/`,
]);

export interface CpuSplit {
	/** Sampled busy time (ms) in our files and in the rest. */
	oursMs: number;
	restMs: number;
}

interface Profile {
	nodes: Array<{ id: number; callFrame: { url: string; functionName: string } }>;
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
	const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	const split: CpuSplit = { oursMs: 0, restMs: 0 };
	profile.samples.forEach((id, i) => {
		const frame = byId.get(id);
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		if (!frame || frame.functionName === '(idle)') return;
		if (OURS.some((prefix) => frame.url.startsWith(prefix))) split.oursMs += ms;
		else split.restMs += ms;
	});
	return { value, split };
}
