import { describe, expect, it } from 'vitest';
import { insertMention, matchMembers, mentionedIn, openMention } from './mention-text.ts';

const members = [
  { id: 'agent-li', name: '李娜' },
  { id: 'agent-zhao', name: '赵强' },
  { id: 'agent-ann', name: 'Ann Lee' },
];

describe('mentions in an internal note', () => {
  it('opens at an @ at the start or after a space, not inside an email address', () => {
    expect(openMention('@')).toBe('');
    expect(openMention('请 @赵')).toBe('赵');
    expect(openMention('mail ann@example.com')).toBeUndefined();
    expect(openMention('@ann\nnext line')).toBeUndefined();
    expect(openMention('no mention here')).toBeUndefined();
  });

  it('matches names containing the query, names that start with it first', () => {
    expect(matchMembers(members, 'lee').map((member) => member.id)).toEqual(['agent-ann']);
    expect(matchMembers(members, '').map((member) => member.id)).toEqual([
      'agent-li',
      'agent-zhao',
      'agent-ann',
    ]);
    expect(
      matchMembers([...members, { id: 'x', name: 'Bob Ann' }], 'ann').map((member) => member.id),
    ).toEqual(['agent-ann', 'x']);
  });

  it('replaces the typed query with the full name and puts the caret after it', () => {
    const text = '请 @赵 看一下';
    expect(insertMention(text, 4, members[1] as (typeof members)[number])).toEqual({
      text: '请 @赵强  看一下',
      caret: 6,
    });
  });

  it('notifies only the members whose mention is still in the text', () => {
    expect(mentionedIn('@赵强 请看', members)).toEqual(['agent-zhao']);
    expect(mentionedIn('nobody', members)).toEqual([]);
  });
});
