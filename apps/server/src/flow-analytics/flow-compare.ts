import { type LocalizedText, text } from '@flowdesk/model';
import type { OutcomeFigures, VersionOverlay } from './flow-overlay.ts';

/**
 * Two versions side by side, said in sentences a manager reads ("v7 sends
 * 12 % fewer requests to people than v6; CSAT 4.3 vs 4.1"). Version `a` is the
 * one looked at, `b` the one it is compared with. The numbers come with the
 * sentences so a test (and a chart) can check them.
 */
export interface VersionComparison {
  handOff: { a: number | null; b: number | null; relativeChange: number | null; sentence: LocalizedText };
  csat: { a: number | null; b: number | null; sentence: LocalizedText };
  failures: { a: number | null; b: number | null; sentence: LocalizedText };
  autoResolved: { a: number | null; b: number | null; sentence: LocalizedText };
}

const percent = (value: number) => Math.round(value * 100);
const pctEn = (value: number) => `${percent(value)} %`;
const pctZh = (value: number) => `${percent(value)}%`;
const score = (value: number) => value.toFixed(1);

function noExecutions(a: number, b: number, outcomesA: OutcomeFigures, outcomesB: OutcomeFigures) {
  const missing = [outcomesA.started === 0 ? a : null, outcomesB.started === 0 ? b : null].filter(
    (version): version is number => version !== null,
  );
  const names = missing.map((version) => `v${version}`);
  return text(
    `${names.join('、')} 在此期间没有执行，无法比较`,
    `${names.join(' and ')} ran no executions in this range: nothing to compare`,
  );
}

function handOffSentence(a: VersionOverlay, b: VersionOverlay): VersionComparison['handOff'] {
  const shareA = a.outcomes.handOffShare;
  const shareB = b.outcomes.handOffShare;
  const va = `v${a.version}`;
  const vb = `v${b.version}`;
  if (shareA === null || shareB === null) {
    return {
      a: shareA,
      b: shareB,
      relativeChange: null,
      sentence: noExecutions(a.version, b.version, a.outcomes, b.outcomes),
    };
  }
  if (shareB === 0) {
    const sentence =
      shareA === 0
        ? text(`${va} 和 ${vb} 都没有把请求转给人工`, `Neither ${va} nor ${vb} sent a request to people`)
        : text(
            `${va} 把 ${pctZh(shareA)} 的请求转给人工，${vb} 一个也没有`,
            `${va} sends ${pctEn(shareA)} of requests to people; ${vb} sent none`,
          );
    return { a: shareA, b: shareB, relativeChange: null, sentence };
  }
  const relativeChange = (shareA - shareB) / shareB;
  const amount = percent(Math.abs(relativeChange));
  const detailZh = `（${pctZh(shareA)} 对 ${pctZh(shareB)}）`;
  const detailEn = ` (${pctEn(shareA)} vs ${pctEn(shareB)} of requests)`;
  let sentence: LocalizedText;
  if (amount === 0) {
    sentence = text(
      `${va} 与 ${vb} 转人工的比例相同${detailZh}`,
      `${va} sends as many requests to people as ${vb}${detailEn}`,
    );
  } else if (relativeChange < 0) {
    sentence = text(
      `${va} 转人工的请求比 ${vb} 少 ${amount}%${detailZh}`,
      `${va} sends ${amount} % fewer requests to people than ${vb}${detailEn}`,
    );
  } else {
    sentence = text(
      `${va} 转人工的请求比 ${vb} 多 ${amount}%${detailZh}`,
      `${va} sends ${amount} % more requests to people than ${vb}${detailEn}`,
    );
  }
  return { a: shareA, b: shareB, relativeChange, sentence };
}

function csatSentence(a: VersionOverlay, b: VersionOverlay): VersionComparison['csat'] {
  const meanA = a.outcomes.csatMean;
  const meanB = b.outcomes.csatMean;
  const va = `v${a.version}`;
  const vb = `v${b.version}`;
  let sentence: LocalizedText;
  if (meanA === null && meanB === null) {
    sentence = text(
      `${va} 和 ${vb} 在此期间都没有满意度评分`,
      `Neither ${va} nor ${vb} has CSAT answers in this range`,
    );
  } else if (meanA === null || meanB === null) {
    const [scored, mean, unscored] = meanA === null ? [vb, meanB as number, va] : [va, meanA, vb];
    sentence = text(
      `满意度 ${score(mean)}（${scored}），${unscored} 没有评分`,
      `CSAT ${score(mean)} (${scored}); ${unscored} has no answers`,
    );
  } else {
    sentence = text(
      `满意度 ${score(meanA)}（${va}）对 ${score(meanB)}（${vb}）`,
      `CSAT ${score(meanA)} (${va}) vs ${score(meanB)} (${vb})`,
    );
  }
  return { a: meanA, b: meanB, sentence };
}

function rateSentence(
  a: VersionOverlay,
  b: VersionOverlay,
  pick: (outcomes: OutcomeFigures) => number | null,
  words: { zh: string; en: string },
) {
  const rateA = pick(a.outcomes);
  const rateB = pick(b.outcomes);
  if (rateA === null || rateB === null) {
    return { a: rateA, b: rateB, sentence: noExecutions(a.version, b.version, a.outcomes, b.outcomes) };
  }
  return {
    a: rateA,
    b: rateB,
    sentence: text(
      `v${a.version} ${words.zh} ${pctZh(rateA)}，v${b.version} 为 ${pctZh(rateB)}`,
      `v${a.version} ${words.en} ${pctEn(rateA)} of executions, v${b.version} ${pctEn(rateB)}`,
    ),
  };
}

export function compareVersions(a: VersionOverlay, b: VersionOverlay): VersionComparison {
  return {
    handOff: handOffSentence(a, b),
    csat: csatSentence(a, b),
    failures: rateSentence(a, b, (outcomes) => outcomes.failedShare, { zh: '执行失败率', en: 'fails' }),
    autoResolved: rateSentence(a, b, (outcomes) => outcomes.autoResolvedShare, {
      zh: '无需人工自动解决',
      en: 'resolves without a person',
    }),
  };
}
