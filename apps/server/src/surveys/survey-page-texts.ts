import { text } from '@flowdesk/model';

/** Every text the public survey pages show, in both languages. */
export const SURVEY_PAGE_TEXTS = {
  title: text('服务评价', 'Rate our service'),
  csatQuestion: text('您对本次服务满意吗？', 'How satisfied are you with our service?'),
  npsQuestion: text('您有多大可能向朋友推荐我们？', 'How likely are you to recommend us to a friend?'),
  csatLow: text('非常不满意', 'Very dissatisfied'),
  csatHigh: text('非常满意', 'Very satisfied'),
  npsLow: text('不可能', 'Not at all likely'),
  npsHigh: text('非常可能', 'Extremely likely'),
  scoreLegend: text('请选择分数', 'Choose a score'),
  commentLabel: text(
    '还有什么想告诉我们的吗？（选填）',
    'Anything else you would like to tell us? (optional)',
  ),
  submit: text('提交', 'Submit'),
  thanksTitle: text('感谢您的评价', 'Thank you for your feedback'),
  thanksBody: text(
    '我们已收到您的评分，这将帮助我们改进服务。',
    'We have your score; it helps us serve you better.',
  ),
  expiredTitle: text('链接已过期', 'This link has expired'),
  expiredBody: text(
    '此问卷已超过有效期，无法再作答。',
    'This survey is past its deadline and can no longer be answered.',
  ),
  answeredTitle: text('您已作答', 'Already answered'),
  answeredBody: text(
    '每个问卷链接只能作答一次，感谢您的参与。',
    'Each survey link can be answered once. Thank you for taking part.',
  ),
  notFoundTitle: text('找不到问卷', 'Survey not found'),
  notFoundBody: text(
    '链接无效，请检查是否完整复制了链接。',
    'This link is not valid; check that it was copied completely.',
  ),
  score_invalid: text('请选择有效的分数后再提交。', 'Please choose a valid score before submitting.'),
  comment_too_long: text(
    '留言过长，请控制在 1000 字以内。',
    'The comment is too long; keep it under 1000 characters.',
  ),
  switchLanguage: text('English', '中文'),
} as const;
