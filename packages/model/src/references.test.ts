import { describe, expect, it } from 'vitest';
import { pathsInExpression, scanTemplate } from './references.ts';

describe('scanTemplate', () => {
  it('finds output paths but not filters, filter arguments or string literals', () => {
    const scan = scanTemplate(
      '您好 {{ customer.name | mask }}，工单 {{ ticket.number | default: "无" }} {{ "x.y" }}',
    );
    expect(scan.paths).toEqual(['customer.name', 'ticket.number']);
  });

  it('treats loop and assign variables as local names', () => {
    const scan = scanTemplate(
      '{% for tag in ticket.tags %}{{ tag }}{% endfor %}{% assign n = customer.name %}{{ n }}',
    );
    expect(scan.paths).toEqual(['ticket.tags', 'customer.name']);
  });

  it('finds paths in conditions and skips raw blocks', () => {
    const scan = scanTemplate(
      '{% if customer.vipLevel >= 3 and ticket.priority == "urgent" %}VIP{% endif %}{% raw %}{{ not.a.field }}{% endraw %}',
    );
    expect(scan.paths).toEqual(['customer.vipLevel', 'ticket.priority']);
  });

  it('reports where an unclosed tag starts', () => {
    expect(scanTemplate('abc {{ customer.name').unclosedAt).toBe(4);
  });
});

describe('pathsInExpression', () => {
  it('reads CEL field paths and ignores function calls and strings', () => {
    expect(
      pathsInExpression(
        'size(ticket.tags) > 2 && customer.vipLevel >= 3 || request.message.contains("退款")',
      ),
    ).toEqual(['ticket.tags', 'customer.vipLevel', 'request.message']);
  });
});
