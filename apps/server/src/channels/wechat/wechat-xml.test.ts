import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.ts';
import { signatureMatches, wechatSignature } from './wechat-signature.ts';
import { parseWechatXml, textReplyXml } from './wechat-xml.ts';

function codeOf(body: string): string | undefined {
  try {
    parseWechatXml(body);
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-an-app-error';
  }
}

const TEXT_MESSAGE =
  '<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[oOpenId123]]></FromUserName>' +
  '<CreateTime>1795000000</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
  '<Content><![CDATA[退货 {{ 7*7 }} <b>]]></Content><MsgId>23456789012345678901</MsgId></xml>';

describe('WeChat message XML', () => {
  it('reads a text message, keeping the 20-digit MsgId exact and the customer text literal', () => {
    expect(parseWechatXml(TEXT_MESSAGE)).toEqual({
      toUserName: 'gh_account',
      fromUserName: 'oOpenId123',
      createTime: '1795000000',
      msgType: 'text',
      content: '退货 {{ 7*7 }} <b>',
      msgId: '23456789012345678901',
    });
  });

  it('decodes the predefined entities in plain text but nothing else', () => {
    const message = parseWechatXml(
      '<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><MsgType>text</MsgType>' +
        '<Content>a &amp; b &lt;c&gt; &#x4F60;&#22909; &nbsp;</Content></xml>',
    );
    expect(message.content).toBe('a & b <c> 你好 &nbsp;');
  });

  it('refuses DOCTYPE and entity declarations before parsing', () => {
    const billionLaughs =
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' +
      '<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><MsgType>text</MsgType><Content>&lol2;</Content></xml>';
    expect(codeOf(billionLaughs)).toBe('wechat_xml_forbidden');
    expect(codeOf('<xml><!ENTITY x SYSTEM "file:///etc/passwd"></xml>')).toBe('wechat_xml_forbidden');
    expect(codeOf('<!doctype xml><xml/>')).toBe('wechat_xml_forbidden');
  });

  it('refuses malformed XML, a wrong root and missing sender', () => {
    expect(codeOf('not xml at all')).toBe('wechat_xml_invalid');
    expect(codeOf('<xml><Content>a</b></xml>')).toBe('wechat_xml_invalid');
    expect(codeOf('<root><ToUserName>gh</ToUserName></root>')).toBe('wechat_xml_invalid');
    expect(codeOf('<xml><ToUserName>gh</ToUserName><MsgType>text</MsgType></xml>')).toBe(
      'wechat_xml_invalid',
    );
  });

  it('cannot pollute prototypes through element names', () => {
    const polluting =
      '<xml><__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted>' +
      '</prototype></constructor><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><MsgType>text</MsgType></xml>';
    expect(codeOf(polluting)).toBe('wechat_xml_invalid');
    const harmless = parseWechatXml(
      '<xml><toString>x</toString><hasOwnProperty>y</hasOwnProperty><ToUserName>gh</ToUserName>' +
        '<FromUserName>o1</FromUserName><MsgType>text</MsgType><Content>hi</Content></xml>',
    );
    expect(harmless.content).toBe('hi');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('passive reply XML', () => {
  it('stays well-formed and carries any text unchanged, `]]>` and template braces included', () => {
    const content = '工单 CS1 ]]> <x> {{ ticket.number }} {% if %} & ]]]]> end';
    const xml = textReplyXml({
      toUser: 'oOpenId123',
      fromUser: 'gh_account',
      createTime: new Date('2026-11-22T01:00:00Z'),
      content,
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ processEntities: false, parseTagValue: false }).parse(xml);
    expect(parsed.xml).toEqual({
      ToUserName: 'oOpenId123',
      FromUserName: 'gh_account',
      CreateTime: '1795309200',
      MsgType: 'text',
      Content: content,
    });
  });
});

describe('signature', () => {
  it('accepts the platform’s SHA1 and refuses anything else', () => {
    const signature = wechatSignature('tok3n', '1795000000', 'n0nce');
    expect(signature).toMatch(/^[0-9a-f]{40}$/);
    expect(signatureMatches('tok3n', { signature, timestamp: '1795000000', nonce: 'n0nce' })).toBe(true);
    expect(signatureMatches('tok3n', { signature, timestamp: '1795000001', nonce: 'n0nce' })).toBe(false);
    expect(signatureMatches('other', { signature, timestamp: '1795000000', nonce: 'n0nce' })).toBe(false);
    expect(signatureMatches('tok3n', { timestamp: '1795000000', nonce: 'n0nce' })).toBe(false);
    expect(signatureMatches('tok3n', { signature: [signature], timestamp: '1', nonce: 'n' })).toBe(false);
  });
});
