import { DESK_MESSAGES } from '@flowdesk/desk';
import { ENGINE_MESSAGES } from '@flowdesk/engine';
import { CODES_WITHOUT_PARAMS } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { describeCode, presentError, presentStoredError, presentStoredState } from './describe-code.ts';
import { SERVER_CATALOG } from './server-messages.ts';

describe('describeCode: stored codes become text at the edge', () => {
  it('writes each package’s codes from its own catalog', () => {
    expect(describeCode('engine.step_limit', { limit: 500 }).en).toContain('500 steps');
    expect(describeCode('desk.not_found', { what: 'ticket', id: 'T-9' })).toEqual({
      'zh-CN': '工单 T-9 不存在',
      en: 'Ticket T-9 does not exist',
    });
    expect(describeCode('runtime.http_failed', { detail: 'status 503' })).toEqual({
      'zh-CN': 'HTTP 请求失败：status 503',
      en: 'The HTTP request failed: status 503',
    });
  });

  it('shows the text of a record written before codes were stored', () => {
    const legacyText = { 'zh-CN': '旧的文字', en: 'Old text' };
    expect(describeCode('runtime.http_failed', { legacyText })).toEqual(legacyText);
  });

  it('finds each code in one catalog only, so a stored code has one text', () => {
    const codes = [
      ...Object.keys(ENGINE_MESSAGES),
      ...Object.keys(DESK_MESSAGES),
      ...Object.keys(SERVER_CATALOG),
    ];
    const repeated = codes.filter((code, index) => codes.indexOf(code) !== index);
    expect(repeated).toEqual([]);
  });

  it('names a code no catalog knows instead of showing nothing', () => {
    expect(describeCode('partner.crm_down')).toEqual({
      'zh-CN': '步骤失败（错误代码 partner.crm_down）',
      en: 'The step failed (error code partner.crm_down)',
    });
  });

  it.each(CODES_WITHOUT_PARAMS)(
    '%s reads the same whatever params it gets (migration 016 drops its text)',
    (code) => {
      expect(describeCode(code, { detail: 'x', id: 'y', type: 'z', field: 'f' })).toEqual(
        describeCode(code, {}),
      );
      expect(describeCode(code).en).not.toContain('error code');
    },
  );
});

describe('presenting stored errors in the shape answers always had', () => {
  it('replaces params with the message', () => {
    expect(presentError({ code: 'runtime.no_recipient', params: {}, retryable: false })).toEqual({
      code: 'runtime.no_recipient',
      message: {
        'zh-CN': '找不到收件人：客户没有对应的联系方式',
        en: 'No recipient: the customer has no contact for this channel',
      },
      retryable: false,
    });
  });

  it('translates the incident of a stored state and keeps the rest', () => {
    const state = {
      status: 'failed',
      data: { request: { id: 'r' } },
      incident: {
        nodeId: 'n',
        code: 'engine.node_missing',
        params: { node: 'n' },
        retryable: false,
        at: 'x',
      },
    };
    expect(presentStoredState(state)).toEqual({
      ...state,
      incident: {
        nodeId: 'n',
        code: 'engine.node_missing',
        message: { 'zh-CN': '流程版本中没有节点「n」', en: 'The flow version has no node "n"' },
        retryable: false,
        at: 'x',
      },
    });
    expect(presentStoredState({ status: 'running' })).toEqual({ status: 'running' });
  });

  it('leaves an error that still holds its text as it is', () => {
    const old = { code: 'x.y', message: { 'zh-CN': '甲', en: 'A' }, retryable: true };
    expect(presentStoredError(old)).toEqual(old);
  });

  it('still answers with a message when stored params do not parse, keeping the params that read', () => {
    const stored = {
      code: 'engine.step_limit',
      params: { limit: 500, broken: null, list: [1, 2] },
      retryable: false,
    };
    const shown = presentStoredError(stored);
    expect(shown.params).toBeUndefined();
    expect(shown.message).toEqual(
      presentError({ code: 'engine.step_limit', params: { limit: 500 } }).message,
    );
    expect(JSON.stringify(shown.message)).toContain('500');
  });
});
