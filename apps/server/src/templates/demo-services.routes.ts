import express, { type Router } from 'express';
import { DEMO_NOTE, DEMO_ORDERS, DEMO_PARTS } from './demo-data.ts';

/**
 * `/demo/orders/:orderNo`, `POST /demo/orders/:orderNo/cancel` and
 * `/demo/parts/:model`: stand-ins for a shop's order system and a factory's
 * parts inventory, so the templates' HTTP steps work out of the box. Every
 * answer says `"demo": true` with a note; served only in demo mode. Flows
 * reach them in-process (answerDemoRequest), never through the network, so the
 * private-network guard never has to trust an address on this machine.
 */

export interface DemoAnswer {
  status: number;
  body: unknown;
}

const notFound = (what: string): DemoAnswer => ({
  status: 404,
  body: {
    demo: true,
    note: DEMO_NOTE,
    error: {
      code: 'not_found',
      message: { 'zh-CN': `演示数据中没有 ${what}`, en: `No ${what} in the demo data` },
    },
  },
});

function segmentsOf(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The demo services' answer to a method and a path below `/demo` (`/orders/A-1`). */
export function answerDemoRequest(method: string, path: string): DemoAnswer {
  const segments = segmentsOf(path) ?? [];
  const [kind, id, action] = segments;
  if (kind === 'orders' && id !== undefined && segments.length === 2 && method === 'GET') {
    const order = DEMO_ORDERS.get(id);
    return order ? { status: 200, body: { demo: true, note: DEMO_NOTE, order } } : notFound(id);
  }
  if (
    kind === 'orders' &&
    id !== undefined &&
    action === 'cancel' &&
    segments.length === 3 &&
    method === 'POST'
  ) {
    const order = DEMO_ORDERS.get(id);
    if (!order) return notFound(id);
    // Nothing is stored: the demo answers as a shop would, so every visitor sees the same orders.
    if (order.paid) {
      return { status: 409, body: { demo: true, note: DEMO_NOTE, cancelled: false, reason: 'already_paid' } };
    }
    return { status: 200, body: { demo: true, note: DEMO_NOTE, cancelled: true, orderNo: order.orderNo } };
  }
  if (kind === 'parts' && id !== undefined && segments.length === 2 && method === 'GET') {
    const part = DEMO_PARTS.get(id);
    return part ? { status: 200, body: { demo: true, note: DEMO_NOTE, part } } : notFound(id);
  }
  return notFound(path);
}

export function demoServicesRouter(): Router {
  const router = express.Router();
  router.use((request, response) => {
    const answer = answerDemoRequest(request.method, request.path);
    response.status(answer.status).json(answer.body);
  });
  return router;
}
