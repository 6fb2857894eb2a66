import { describe, expect, it } from 'vitest';
import { progressPage } from '../channels/progress/progress-page.ts';
import { questionPage } from '../surveys/survey-page.ts';
import { customerPages } from './customer-page.ts';

/** Customer text that would change the page if it were HTML or a Liquid template. */
const TRICKY = `<script>alert("x")</script> 'q' & {{ t.title }} {% raw %}{{ x }}{% endraw %} {% layout 'customer-page' %}`;
/** The same text as it must appear in the HTML: escaped, every brace and tag name kept. */
const SHOWN = `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &#39;q&#39; &amp; {{ t.title }} {% raw %}{{ x }}{% endraw %} {% layout &#39;customer-page&#39; %}`;

describe('customer pages escape by default', () => {
  it('prints a message on the progress page escaped and literally, never as a template', () => {
    const html = progressPage({
      locale: 'zh-CN',
      ticketNumber: 'CS20250101001',
      status: 'in_progress',
      createdAt: '2025-01-01T08:00:00.000Z',
      languageLink: '/p/abc?lang=en&x="1"',
      items: [{ kind: 'message', at: '2025-01-01T08:00:00.000Z', author: 'customer', body: TRICKY }],
    });
    expect(html).toContain(`<div class="body">${SHOWN}</div>`);
    expect(html).toContain('<a href="/p/abc?lang=en&amp;x=&#34;1&#34;">English</a>');
    expect(html).not.toContain('<script>');
    // The page's own title appears where the template puts it, not inside the customer's text.
    expect(html.match(/工单进度/g)).toHaveLength(2);
  });

  it('prints a survey question and a returned comment escaped and literally', () => {
    const html = questionPage({
      locale: 'en',
      kind: 'nps',
      question: TRICKY,
      comment: TRICKY,
      formAction: '/s/token',
      languageLink: '/s/token?lang=zh-CN',
      problem: 'comment_too_long',
    });
    expect(html).toContain(`<p>${SHOWN}</p>`);
    expect(html).toContain(`maxlength="1000">${SHOWN}</textarea>`);
    expect(html).not.toContain('<script>');
    expect(html).toContain('<html lang="en">');
    // NPS runs 0 to 10.
    expect(html.match(/type="radio"/g)).toHaveLength(11);
  });

  it('escapes every value, the frame included, unless a template opts out', () => {
    const render = customerPages({
      page: `{% layout 'customer-page' %}{% block body %}{{ text }}{% endblock %}`,
    });
    const html = render('page', { locale: 'en', title: '<b>"title"</b>', text: '<i>x</i>' });
    expect(html).toContain('<title>&lt;b&gt;&#34;title&#34;&lt;/b&gt;</title>');
    expect(html).toContain('<div class="card">&lt;i&gt;x&lt;/i&gt;</div>');
  });

  it('refuses a template that names a value it is not given', () => {
    const render = customerPages({
      page: `{% layout 'customer-page' %}{% block body %}{{ missing }}{% endblock %}`,
    });
    expect(() => render('page', { locale: 'en', title: 't' })).toThrow(/missing/);
  });
});
