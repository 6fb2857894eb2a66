/** Every word the widget shows, in both languages. */
export type WidgetLocale = 'zh-CN' | 'en';

const TEXTS = {
  open: { 'zh-CN': '联系客服', en: 'Contact us' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  title: { 'zh-CN': '在线客服', en: 'Customer service' },
  chatTab: { 'zh-CN': '在线聊天', en: 'Chat' },
  formTab: { 'zh-CN': '留言表单', en: 'Leave a message' },
  modes: { 'zh-CN': '联系方式', en: 'How to contact us' },
  conversation: { 'zh-CN': '对话记录', en: 'Conversation' },
  message: { 'zh-CN': '消息', en: 'Message' },
  messagePlaceholder: { 'zh-CN': '请输入您的问题…', en: 'Type your question…' },
  send: { 'zh-CN': '发送', en: 'Send' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  name: { 'zh-CN': '姓名（选填）', en: 'Name (optional)' },
  contact: { 'zh-CN': '手机号或邮箱（选填）', en: 'Phone or email (optional)' },
  category: { 'zh-CN': '问题类别', en: 'Category' },
  noCategory: { 'zh-CN': '请选择（选填）', en: 'Choose (optional)' },
  you: { 'zh-CN': '我', en: 'You' },
  support: { 'zh-CN': '客服', en: 'Support' },
  received: { 'zh-CN': '已收到您的留言。', en: 'We received your message.' },
  receivedTicket: { 'zh-CN': '已收到您的留言，工单号 {n}。', en: 'We received your message: ticket {n}.' },
  progress: { 'zh-CN': '查看处理进度', en: 'Follow its progress' },
  newMessage: { 'zh-CN': '再留一条', en: 'Send another' },
  sending: { 'zh-CN': '发送中…', en: 'Sending…' },
  failed: { 'zh-CN': '发送失败，请稍后重试。', en: 'Sending failed; please try again later.' },
  reconnecting: { 'zh-CN': '连接中断，正在重连…', en: 'Connection lost; reconnecting…' },
  unavailable: { 'zh-CN': '在线客服暂不可用。', en: 'Customer service is not available right now.' },
} satisfies Record<string, Record<WidgetLocale, string>>;

export type TextKey = keyof typeof TEXTS;

export function t(locale: WidgetLocale, key: TextKey, params: Record<string, string> = {}): string {
  return TEXTS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** `data-lang` first, then the browser's language; anything Chinese is zh-CN. */
export function pickLocale(asked: string | undefined, browser: string | undefined): WidgetLocale {
  const tag = (asked || browser || 'zh-CN').toLowerCase();
  return tag.startsWith('en') ? 'en' : 'zh-CN';
}
