import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../http/app-error.ts';

/**
 * The official account's XML, both ways. Parsing is locked down: DOCTYPE and
 * entity declarations are refused before the parser sees the body (no entity
 * expansion, no external entities), the parser itself expands nothing, and
 * values are only read out of ordered node lists into a Map, so element names
 * like `__proto__` or `constructor` can never reach an object's prototype
 * (the parser refuses the first two outright).
 */

export interface WechatMessage {
  /** The official account (its original id, `gh_…`). */
  toUserName: string;
  /** The customer's OpenID. */
  fromUserName: string;
  createTime: string;
  msgType: string;
  content?: string;
  msgId?: string;
  /** Speech recognition of a voice message, when the account has it switched on. */
  recognition?: string;
  event?: string;
}

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // MsgId is a 64-bit number: parsing it as a JS number would round it.
  parseTagValue: false,
  trimValues: false,
  preserveOrder: true,
  cdataPropName: '#cdata',
  maxNestedTags: 20,
});

const DECLARATIONS = /<!DOCTYPE|<!ENTITY/i;
/** OpenIDs, account ids, MsgIds and types are short printable ASCII. */
const IDENTIFIER = /^[\x21-\x7E]{1,128}$/;

type OrderedNode = Record<string, unknown>;

function invalid(detailEn: string, detailZh = detailEn): AppError {
  return new AppError('bad_request', 'wechat_xml_invalid', { params: { detailEn, detailZh }, pointer: '' });
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Only XML's five predefined entities and character references: nothing can expand. */
function decodeText(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The element's text when it holds only text and CDATA; null for elements with children. */
function textOf(children: unknown): string | null {
  if (!Array.isArray(children)) return null;
  let text = '';
  for (const child of children as OrderedNode[]) {
    if (typeof child['#text'] === 'string') text += decodeText(child['#text']);
    else if (Array.isArray(child['#cdata'])) {
      for (const part of child['#cdata'] as OrderedNode[]) {
        if (typeof part['#text'] === 'string') text += part['#text'];
      }
    } else return null;
  }
  return text;
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@');
}

/** The `<xml>` root's simple fields, first occurrence of each name. */
function fieldsOf(body: string): Map<string, string> {
  let nodes: unknown;
  try {
    nodes = parser.parse(body);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
  const roots = (nodes as OrderedNode[]).filter((node) => elementName(node) !== '#text');
  const root = roots[0];
  if (roots.length !== 1 || !root || elementName(root) !== 'xml') {
    throw invalid('the document must have one <xml> root', '文档必须只有一个 <xml> 根元素');
  }
  const fields = new Map<string, string>();
  for (const child of root.xml as OrderedNode[]) {
    const name = elementName(child);
    if (!name || name.startsWith('#') || fields.has(name)) continue;
    const value = textOf(child[name]);
    if (value !== null) fields.set(name, value);
  }
  return fields;
}

export function parseWechatXml(body: string): WechatMessage {
  if (DECLARATIONS.test(body)) {
    throw new AppError('bad_request', 'wechat_xml_forbidden', { pointer: '' });
  }
  const validation = XMLValidator.validate(body);
  if (validation !== true) throw invalid(validation.err.msg);
  const fields = fieldsOf(body);
  const required = (name: string): string => {
    const value = fields.get(name)?.trim();
    if (!value || !IDENTIFIER.test(value)) {
      throw invalid(`<${name}> is missing or not valid`, `<${name}> 缺失或无效`);
    }
    return value;
  };
  const optional = (name: string) => {
    const value = fields.get(name);
    return value === undefined ? {} : { [name.charAt(0).toLowerCase() + name.slice(1)]: value };
  };
  const msgId = fields.get('MsgId')?.trim();
  if (msgId !== undefined && msgId !== '' && !IDENTIFIER.test(msgId)) {
    throw invalid('<MsgId> is not valid', '<MsgId> 无效');
  }
  return {
    toUserName: required('ToUserName'),
    fromUserName: required('FromUserName'),
    createTime: fields.get('CreateTime')?.trim() ?? '',
    msgType: required('MsgType').toLowerCase(),
    ...optional('Content'),
    ...(msgId ? { msgId } : {}),
    ...optional('Recognition'),
    ...(fields.get('Event') ? { event: (fields.get('Event') as string).trim().toLowerCase() } : {}),
  };
}

/** Characters XML 1.0 cannot carry at all; dropping them keeps the reply well-formed. */
const NOT_XML_CHARS = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** CDATA cannot contain `]]>`: split it across two sections so the text comes out unchanged. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML_CHARS, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface PassiveReply {
  /** The customer's OpenID. */
  toUser: string;
  /** The official account. */
  fromUser: string;
  createTime: Date;
  content: string;
}

/** A passive text reply, which the platform shows to the customer as the account's answer. */
export function textReplyXml(reply: PassiveReply): string {
  const seconds = Math.floor(reply.createTime.getTime() / 1000);
  return (
    `<xml><ToUserName>${cdata(reply.toUser)}</ToUserName><FromUserName>${cdata(reply.fromUser)}</FromUserName>` +
    `<CreateTime>${seconds}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(reply.content)}</Content></xml>`
  );
}
