import {
	chainNames,
	defaultFlowName,
	resumeNote,
	runChain,
	type ChainStep,
} from '../../../../nodes/shared/resources/dataflow/chain';

type Key = 'a' | 'b' | 'c';

function step(key: Key, id: string, reused = false, seen: string[][] = []): ChainStep<Key> {
	return {
		key,
		label: `step ${key}`,
		run: async (previous) => {
			seen.push(previous.map((p) => p.id));
			return { id, reused };
		},
	};
}

describe('runChain', () => {
	it('runs the steps in order, each seeing the IDs before it', async () => {
		const seen: string[][] = [];
		const done = await runChain(
			[step('a', '1', true, seen), step('b', '2', false, seen), step('c', '3', false, seen)],
			(e) => e,
		);
		expect(done.map((d) => [d.key, d.id, d.reused])).toEqual([
			['a', '1', true],
			['b', '2', false],
			['c', '3', false],
		]);
		expect(seen).toEqual([[], ['1'], ['1', '2']]);
	});

	it('stops at the failing step and annotates its error with what is in place', async () => {
		const failure = new Error('boom');
		const later = jest.fn();
		const failing: ChainStep<Key> = {
			key: 'b',
			label: 'mapping set',
			run: async () => Promise.reject(failure),
		};
		const notes: string[] = [];
		await expect(
			runChain(
				[step('a', 'src-1', false), failing, { key: 'c', label: 'dataflow', run: later }],
				(error, note) => {
					notes.push(note);
					return error;
				},
			),
		).rejects.toBe(failure);
		expect(later).not.toHaveBeenCalled();
		expect(notes).toEqual([
			'Already in place before the mapping set step failed: step a src-1 (created). Running the item again reuses them and resumes at the mapping set step.',
		]);
	});
});

describe('resumeNote', () => {
	it('says nothing was created when the first step fails', () => {
		expect(resumeNote([], 'source connection')).toMatch(
			/^Nothing was created before the source connection step failed/,
		);
	});
});

describe('chainNames / defaultFlowName', () => {
	it('derives stable names, each at most 256 characters with its suffix whole', () => {
		expect(chainNames('Orders')).toEqual({
			sourceConnection: 'Orders (source)',
			targetConnection: 'Orders (target)',
			mappingSet: 'Orders (mapping)',
			dataflow: 'Orders',
		});
		const long = chainNames('x'.repeat(256));
		for (const name of Object.values(long)) expect(name.length).toBeLessThanOrEqual(256);
		expect(long.mappingSet.endsWith(' (mapping)')).toBe(true);
		expect(defaultFlowName('public.orders', 'abc')).toBe('Redshift public.orders to dataset abc');
	});
});
