import type { InstrumentDefinition, RegisteredInstrument, ScoreOptions } from './instrument-definition.ts';
import { sumScorer } from './sum-scorer.ts';

/**
 * Published provisional-PTSD cut-points lie between 31 and 33 (PCL-5 guidance; Forkus 2022 review).
 * 33 is the NCPTSD example and CamCOPS' choice; a deployment can pass 31 or 32 (or another validated
 * value) through `ScoreOptions.pcl5Cutoff`.
 */
export const PCL5_DEFAULT_CUTOFF = 33;

const text = (zh: string, en: string) => ({ zh, en });

export const PCL5_DEFINITION: InstrumentDefinition = {
  id: 'pcl5',
  version: '1.0.0',
  shortName: 'PCL-5',
  title: { zh: 'DSM-5 创伤后应激障碍检查表（PCL-5）', en: 'PTSD Checklist for DSM-5 (PCL-5)' },
  recallPeriod: { zh: '过去一个月', en: 'In the past month' },
  instructions: {
    zh: '以下是人们在经历极度紧张的事件后有时会出现的问题。请仔细阅读每一个问题，然后选择一个选项，表明在过去一个月中您被该问题困扰的程度。',
    en:
      'Below is a list of problems that people sometimes have in response to a very stressful experience. Please read ' +
      'each problem carefully and then select one of the options to indicate how much you have been bothered by that ' +
      'problem in the past month.',
  },
  answerOptions: [
    { score: 0, label: { zh: '一点也不', en: 'Not at all' } },
    { score: 1, label: { zh: '有一点', en: 'A little bit' } },
    { score: 2, label: { zh: '中等程度', en: 'Moderately' } },
    { score: 3, label: { zh: '相当多', en: 'Quite a bit' } },
    { score: 4, label: { zh: '极度', en: 'Extremely' } },
  ],
  items: [
    text('反复出现的、令人不安的、不想要的关于这一压力经历的记忆', 'Repeated, disturbing, and unwanted memories of the stressful experience?'),
    text('反复做关于这一压力经历的令人不安的梦', 'Repeated, disturbing dreams of the stressful experience?'),
    text(
      '突然感觉或表现得好像这一压力经历又真的在发生一样（好像您真的回到了当时，再次经历它）',
      'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
    ),
    text('当有事物让您想起这一压力经历时，感到非常难过', 'Feeling very upset when something reminded you of the stressful experience?'),
    text(
      '当有事物让您想起这一压力经历时，出现强烈的身体反应（例如心跳加快、呼吸困难、出汗）',
      'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
    ),
    text('回避与这一压力经历有关的记忆、想法或感受', 'Avoiding memories, thoughts, or feelings related to the stressful experience?'),
    text(
      '回避让您想起这一压力经历的外部事物（例如人、地点、谈话、活动、物品或情境）',
      'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
    ),
    text('记不起这一压力经历的重要部分', 'Trouble remembering important parts of the stressful experience?'),
    text(
      '对自己、他人或世界有强烈的负面信念（例如有这样的想法：我很坏、我有严重的问题、没有人可以信任、这个世界非常危险）',
      'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
    ),
    text('因这一压力经历或其后发生的事情而责怪自己或他人', 'Blaming yourself or someone else for the stressful experience or what happened after it?'),
    text('有强烈的负面感受，例如恐惧、惊骇、愤怒、内疚或羞耻', 'Having strong negative feelings such as fear, horror, anger, guilt, or shame?'),
    text('对过去喜欢的活动失去兴趣', 'Loss of interest in activities that you used to enjoy?'),
    text('感到与他人疏远或隔绝', 'Feeling distant or cut off from other people?'),
    text(
      '难以体验到积极的感受（例如无法感到快乐，或无法对亲近的人产生爱的感情）',
      'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
    ),
    text('易激惹的行为、发怒或有攻击性的举动', 'Irritable behavior, angry outbursts, or acting aggressively?'),
    text('冒太多风险或做可能对自己造成伤害的事', 'Taking too many risks or doing things that could cause you harm?'),
    text('处于“过度警觉”、警惕或戒备的状态', 'Being "superalert" or watchful or on guard?'),
    text('感到神经过敏或容易受惊吓', 'Feeling jumpy or easily startled?'),
    text('难以集中注意力', 'Having difficulty concentrating?'),
    text('入睡困难或睡不安稳', 'Trouble falling or staying asleep?'),
  ].map((t, i) => ({ linkId: `pcl5-${i + 1}`, text: t })),
  totalRange: { min: 0, max: 80 },
  // No empirically derived severity ranges exist; the two bands only restate the provisional cut-off.
  severityBands: [
    { name: 'below_threshold', min: 0, max: PCL5_DEFAULT_CUTOFF - 1, label: { zh: '未达临界值', en: 'Below threshold' } },
    { name: 'probable_ptsd', min: PCL5_DEFAULT_CUTOFF, max: 80, label: { zh: '可能存在创伤后应激障碍', en: 'Probable PTSD' } },
  ],
  subscales: {
    B: [0, 1, 2, 3, 4],
    C: [5, 6],
    D: [7, 8, 9, 10, 11, 12, 13],
    E: [14, 15, 16, 17, 18, 19],
  },
  licence: {
    kind: 'public-domain',
    statement: 'Developed by staff of the U.S. Department of Veterans Affairs National Center for PTSD; in the public domain.',
    textShipped: true,
  },
  source: {
    citation:
      'Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013. Blevins CA et al. J Trauma Stress 2015;28(6):489-498.',
    scoring:
      'NCPTSD PCL-5 scoring: total 0-80; cluster sums B 1-5, C 6-7, D 8-14, E 15-20; provisional diagnosis by cut-point 31-33 or by the DSM-5 rule with items ≥2 as endorsed; no severity ranges.',
    translation:
      'Simplified-Chinese wording is our rendering of the English items; Chinese versions in circulation differ and their translators may hold rights. Have it reviewed before clinical use.',
    url: 'https://www.ptsd.va.gov/professional/assessment/adult-sr/ptsd-checklist.asp',
  },
};

export function pcl5Cutoff(options: ScoreOptions): number {
  return options.pcl5Cutoff ?? PCL5_DEFAULT_CUTOFF;
}

const endorsedIn = (answers: readonly number[], from: number, to: number): number =>
  answers.slice(from, to + 1).filter((a) => a >= 2).length;

/** DSM-5 rule with items rated ≥2 ("moderately") as symptoms: ≥1 B, ≥1 C, ≥2 D, ≥2 E. */
export function meetsPcl5DsmRule(answers: readonly number[]): boolean {
  return endorsedIn(answers, 0, 4) >= 1 && endorsedIn(answers, 5, 6) >= 1 && endorsedIn(answers, 7, 13) >= 2 && endorsedIn(answers, 14, 19) >= 2;
}

export function pcl5Flags(answers: readonly number[], options: ScoreOptions): string[] {
  const flags: string[] = [];
  const total = answers.reduce((s, a) => s + a, 0);
  if (total >= pcl5Cutoff(options)) flags.push('provisional_ptsd_cutoff');
  if (meetsPcl5DsmRule(answers)) flags.push('provisional_ptsd_dsm5');
  return flags;
}

export const PCL5: RegisteredInstrument = {
  definition: PCL5_DEFINITION,
  score: sumScorer({
    flags: pcl5Flags,
    // Severity follows the configured cut-off, so it always agrees with `provisional_ptsd_cutoff`.
    severity: (total, options) => (total >= pcl5Cutoff(options) ? 'probable_ptsd' : 'below_threshold'),
  }),
};
