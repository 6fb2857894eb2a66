import { z } from 'zod';
import type { AppServices } from '../app-deps.ts';
import type { RestRoute } from './rest-route.ts';

/** Liveness and readiness for load balancers and orchestrators; no auth, no details worth hiding. */

const HealthSchema = z.object({ status: z.literal('ok') });
const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ store: z.boolean(), runtime: z.boolean() }),
});

async function passes(check: () => Promise<unknown>): Promise<boolean> {
  try {
    return (await check()) !== false;
  } catch {
    return false;
  }
}

export function healthRoutes(services: AppServices): RestRoute[] {
  return [
    {
      method: 'get',
      path: '/healthz',
      doc: {
        operationId: 'health',
        summary: 'The process is up',
        tags: ['Operations'],
        auth: false,
        responses: { 200: { description: 'Up.', schema: HealthSchema } },
      },
      handlers: [(_request, response) => void response.json({ status: 'ok' })],
    },
    {
      method: 'get',
      path: '/readyz',
      doc: {
        operationId: 'ready',
        summary: 'The store is reachable and the runtime takes work',
        tags: ['Operations'],
        auth: false,
        responses: {
          200: { description: 'Ready.', schema: ReadySchema },
          503: { description: 'Not ready; `checks` says what failed.', schema: ReadySchema },
        },
      },
      handlers: [
        async (_request, response) => {
          const [store, runtime] = await Promise.all([
            passes(() => services.store.counters.current('readiness-probe')),
            passes(() => services.runtime.ready()),
          ]);
          const ready = store && runtime;
          response
            .status(ready ? 200 : 503)
            .json({ status: ready ? 'ready' : 'not_ready', checks: { store, runtime } });
        },
      ],
    },
  ];
}
