/** Load balancing (weighted and latency-aware) and conditional routing over real upstreams. */
import { describe, expect, it } from 'vitest';
import { named } from '../upstream-handlers.js';
import { contentOf, postChat, target, useGatewayHarness, withoutCircuitBreaker, type StartGateway } from './harness.js';

export function describeRouting(name: string, start: StartGateway): void {
  describe(`routing on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 3, environment: withoutCircuitBreaker });

    describe('loadbalance', () => {
      it('splits traffic by weight (3:1 over 400 requests, within 5.7 standard deviations)', async () => {
        const [heavy, light] = harness.upstreams;
        const config = { strategy: { mode: 'loadbalance' }, targets: [target(heavy, { weight: 3 }), target(light, { weight: 1 })] };
        for (let batch = 0; batch < 20; batch += 1) {
          await Promise.all(Array.from({ length: 20 }, () => postChat(harness.gateway, config).then((response) => response.arrayBuffer())));
        }
        const share = heavy.requests.length / 400;
        expect(heavy.requests.length + light.requests.length).toBe(400);
        expect(share).toBeGreaterThan(0.65);
        expect(share).toBeLessThan(0.85);
      });

      it('never picks a target of weight 0', async () => {
        const [never, always] = harness.upstreams;
        const config = { strategy: { mode: 'loadbalance' }, targets: [target(never, { weight: 0 }), target(always)] };
        for (let index = 0; index < 30; index += 1) await (await postChat(harness.gateway, config)).arrayBuffer();
        expect(never.requests).toHaveLength(0);
      });

      it('answers a clear 400 when every weight is 0, instead of hanging', async () => {
        const [first, second] = harness.upstreams;
        const response = await postChat(harness.gateway, { strategy: { mode: 'loadbalance' }, targets: [target(first, { weight: 0 }), target(second, { weight: 0 })] });
        expect(response.status).toBe(400);
        expect((await response.json()).error.message).toMatch(/at least one target with a weight above 0/);
      });

      it('prefers the target with the best recent latency when balance is "latency"', async () => {
        const [fast, slow] = harness.upstreams;
        fast.setHandler(named('fast'));
        // Far apart, so a loaded machine's own delays cannot make the fast one look slow.
        slow.setHandler(named('slow', 200));
        const config = { strategy: { mode: 'loadbalance', balance: 'latency' }, targets: [target(slow), target(fast)] };
        const answers: string[] = [];
        for (let index = 0; index < 40; index += 1) answers.push(await contentOf(await postChat(harness.gateway, config)));
        const fastShare = answers.slice(10).filter((answer) => answer === 'fast').length / 30;
        expect(fastShare).toBeGreaterThan(0.75);
      });
    });

    describe('conditional', () => {
      const conditional = (conditions: unknown[], extra: Record<string, unknown> = {}) => ({
        strategy: { mode: 'conditional', conditions, default: 'basic', ...extra },
        targets: [target(harness.upstreams[0], { name: 'premium' }), target(harness.upstreams[1], { name: 'basic' })],
      });

      async function routedTo(config: unknown, metadata: unknown, body: Record<string, unknown> = {}) {
        const response = await postChat(harness.gateway, config, { headers: { 'x-portkey-metadata': JSON.stringify(metadata) }, body });
        expect(response.status).toBe(200);
        return response.headers.get('x-portkey-last-used-option-index');
      }

      it('routes by metadata and by request params, else to the default', async () => {
        const config = conditional([{ query: { 'metadata.plan': { $eq: 'paid' } }, then: 'premium' }, { query: { 'params.model': { $in: ['gpt-4o', 'o3'] } }, then: 'premium' }]);
        expect(await routedTo(config, { plan: 'paid' })).toBe('config.targets[0]');
        expect(await routedTo(config, { plan: 'free' }, { model: 'o3' })).toBe('config.targets[0]');
        expect(await routedTo(config, { plan: 'free' })).toBe('config.targets[1]');
      });

      it('reads paths of any depth', async () => {
        const config = conditional([{ query: { 'metadata.user.org.tier': { $gte: 3 }, 'params.messages.0.role': 'user' }, then: 'premium' }]);
        expect(await routedTo(config, { user: { org: { tier: 4 } } })).toBe('config.targets[0]');
        expect(await routedTo(config, { user: { org: { tier: 2 } } })).toBe('config.targets[1]');
      });

      it('combines $and / $or with their sibling keys (all must hold)', async () => {
        const config = conditional([{ query: { 'metadata.env': 'prod', $or: [{ 'params.temperature': { $lt: 0.5 } }, { 'metadata.vip': true }] }, then: 'premium' }]);
        expect(await routedTo(config, { env: 'prod', vip: true })).toBe('config.targets[0]');
        expect(await routedTo(config, { env: 'prod' }, { temperature: 0.2 })).toBe('config.targets[0]');
        // $or holds but its sibling does not: not premium.
        expect(await routedTo(config, { env: 'dev', vip: true })).toBe('config.targets[1]');
        expect(await routedTo(config, { env: 'prod' }, { temperature: 0.9 })).toBe('config.targets[1]');
      });

      it('runs a catastrophic $regex in linear time', async () => {
        const config = conditional([{ query: { 'params.user': { $regex: '^(a+)+$' } }, then: 'premium' }]);
        const started = Date.now();
        expect(await routedTo(config, {}, { user: `${'a'.repeat(50_000)}b` })).toBe('config.targets[1]');
        // A backtracking engine would not finish this; a linear one takes milliseconds.
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(await routedTo(config, {}, { user: 'aaaa' })).toBe('config.targets[0]');
      });

      it('answers 400 for an invalid $regex, a missing default, or a target name that does not exist', async () => {
        const badRegex = await postChat(harness.gateway, conditional([{ query: { 'metadata.name': { $regex: '(' } }, then: 'premium' }]), { headers: { 'x-portkey-metadata': '{"name":"x"}' } });
        expect(badRegex.status).toBe(400);
        expect((await badRegex.json()).error.message).toMatch(/not a valid regular expression/);

        const noDefault = await postChat(harness.gateway, conditional([{ query: { 'metadata.plan': 'paid' }, then: 'premium' }], { default: undefined }));
        expect(noDefault.status).toBe(400);
        expect((await noDefault.json()).error.message).toMatch(/no default/);

        const unknownName = await postChat(harness.gateway, conditional([], { default: 'nobody' }));
        expect(unknownName.status).toBe(400);
        expect((await unknownName.json()).error.message).toMatch(/'nobody'/);
      });
    });
  });
}
