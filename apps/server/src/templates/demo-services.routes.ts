import express, { type Router } from 'express';
import { DEMO_NOTE, DEMO_ORDERS, DEMO_PARTS } from './demo-data.ts';

/**
 * `/demo/orders/:orderNo`, `POST /demo/orders/:orderNo/cancel` and
 * `/demo/parts/:model`: stand-ins for a shop's order system and a factory's
 * parts inventory, so the templates' HTTP steps work out of the box. Every
 * answer says `"demo": true` with a note; mounted only in demo mode and tests.
 */
export function demoServicesRouter(): Router {
  const router = express.Router();
  const notFound = (what: string) => ({
    demo: true,
    note: DEMO_NOTE,
    error: {
      code: 'not_found',
      message: { 'zh-CN': `演示数据中没有 ${what}`, en: `No ${what} in the demo data` },
    },
  });

  router.get('/orders/:orderNo', (request, response) => {
    const order = DEMO_ORDERS.get(request.params.orderNo);
    if (!order) {
      response.status(404).json(notFound(request.params.orderNo));
      return;
    }
    response.json({ demo: true, note: DEMO_NOTE, order });
  });

  router.post('/orders/:orderNo/cancel', (request, response) => {
    const order = DEMO_ORDERS.get(request.params.orderNo);
    if (!order) {
      response.status(404).json(notFound(request.params.orderNo));
      return;
    }
    // Nothing is stored: the demo answers as a shop would, so every visitor sees the same orders.
    if (order.paid) {
      response.status(409).json({ demo: true, note: DEMO_NOTE, cancelled: false, reason: 'already_paid' });
      return;
    }
    response.json({ demo: true, note: DEMO_NOTE, cancelled: true, orderNo: order.orderNo });
  });

  router.get('/parts/:model', (request, response) => {
    const found = DEMO_PARTS.get(request.params.model);
    if (!found) {
      response.status(404).json(notFound(request.params.model));
      return;
    }
    response.json({ demo: true, note: DEMO_NOTE, part: found });
  });

  return router;
}
