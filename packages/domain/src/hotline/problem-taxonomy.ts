/**
 * Two-level problem taxonomy for hotline calls. Top levels follow the problem types of the Chinese monthly
 * hotline form (2010 规范和管理办法: 健康, 精神疾病, 情绪, 性, 恋爱, 婚姻, 家庭, 子女教育 …) plus the COVID-era
 * categories of seed 002 (fear of infection, grief, stigma) and the Child Helpline International data
 * framework's groups (violence and abuse, suicide and self-harm, substance use). Codes are stored; labels
 * are for display and reports (zh-CN first).
 */
interface Label {
  code: string;
  zh: string;
  en: string;
}
interface TopCategory extends Label {
  /** Column of the monthly form this category is reported under. */
  monthlyFormColumn: string;
  subcategories: readonly Label[];
}

export const PROBLEM_TAXONOMY = [
  {
    code: 'emotion', zh: '情绪问题', en: 'Emotional distress', monthlyFormColumn: '情绪',
    subcategories: [
      { code: 'anxiety', zh: '焦虑', en: 'Anxiety' },
      { code: 'depression', zh: '抑郁情绪', en: 'Low mood' },
      { code: 'anger', zh: '愤怒', en: 'Anger' },
      { code: 'loneliness', zh: '孤独', en: 'Loneliness' },
      { code: 'sleep', zh: '失眠', en: 'Sleep problems' },
    ],
  },
  {
    code: 'family', zh: '家庭问题', en: 'Family', monthlyFormColumn: '家庭',
    subcategories: [
      { code: 'parent_child', zh: '亲子关系', en: 'Parent–child relationship' },
      { code: 'child_education', zh: '子女教育', en: 'Child rearing and education' },
      { code: 'family_conflict', zh: '家庭矛盾', en: 'Family conflict' },
      { code: 'caregiving', zh: '照护压力', en: 'Caregiver strain' },
    ],
  },
  {
    code: 'marriage_love', zh: '婚恋问题', en: 'Marriage and love', monthlyFormColumn: '婚姻/恋爱',
    subcategories: [
      { code: 'romance', zh: '恋爱', en: 'Romantic relationship' },
      { code: 'marital_conflict', zh: '婚姻冲突', en: 'Marital conflict' },
      { code: 'divorce', zh: '离婚', en: 'Separation or divorce' },
      { code: 'infidelity', zh: '婚外情', en: 'Infidelity' },
    ],
  },
  {
    code: 'mental_illness', zh: '精神疾病', en: 'Mental illness', monthlyFormColumn: '精神疾病',
    subcategories: [
      { code: 'diagnosed_disorder', zh: '已诊断精神障碍', en: 'Diagnosed disorder' },
      { code: 'medication', zh: '用药咨询', en: 'Medication questions' },
      { code: 'relapse_signs', zh: '复发迹象', en: 'Signs of relapse' },
      { code: 'psychotic_symptoms', zh: '精神病性症状', en: 'Psychotic symptoms' },
    ],
  },
  {
    code: 'covid_fear', zh: '疫情相关恐惧', en: 'COVID-related fear', monthlyFormColumn: '健康',
    subcategories: [
      { code: 'infection_fear', zh: '害怕感染', en: 'Fear of infection' },
      { code: 'quarantine', zh: '隔离困扰', en: 'Quarantine distress' },
      { code: 'sequelae', zh: '后遗症担忧', en: 'Worry about after-effects' },
    ],
  },
  {
    code: 'grief', zh: '哀伤', en: 'Grief and bereavement', monthlyFormColumn: '情绪',
    subcategories: [
      { code: 'covid_bereavement', zh: '疫情丧亲', en: 'Bereavement by COVID-19' },
      { code: 'other_bereavement', zh: '其他丧亲', en: 'Other bereavement' },
      { code: 'prolonged_grief', zh: '延长哀伤', en: 'Prolonged grief' },
    ],
  },
  {
    code: 'stigma', zh: '病耻感与歧视', en: 'Stigma and discrimination', monthlyFormColumn: '人际',
    subcategories: [
      { code: 'recovered_patient_stigma', zh: '治愈者受歧视', en: 'Stigma against recovered patients' },
      { code: 'mental_illness_stigma', zh: '精神疾病歧视', en: 'Mental-illness stigma' },
    ],
  },
  {
    code: 'work', zh: '工作问题', en: 'Work', monthlyFormColumn: '工作',
    subcategories: [
      { code: 'unemployment', zh: '失业', en: 'Job loss' },
      { code: 'work_stress', zh: '工作压力', en: 'Work stress' },
      { code: 'return_to_work', zh: '复工困难', en: 'Difficulty returning to work' },
    ],
  },
  {
    code: 'study', zh: '学业问题', en: 'Study', monthlyFormColumn: '学习',
    subcategories: [
      { code: 'exam_stress', zh: '考试压力', en: 'Exam stress' },
      { code: 'school_refusal', zh: '厌学', en: 'School refusal' },
      { code: 'bullying', zh: '校园欺凌', en: 'Bullying' },
    ],
  },
  {
    code: 'interpersonal', zh: '人际关系', en: 'Interpersonal relationships', monthlyFormColumn: '人际',
    subcategories: [
      { code: 'friends', zh: '朋友关系', en: 'Friends' },
      { code: 'colleagues', zh: '同事关系', en: 'Colleagues' },
      { code: 'neighbours', zh: '邻里关系', en: 'Neighbours' },
    ],
  },
  {
    code: 'physical_health', zh: '躯体健康', en: 'Physical health', monthlyFormColumn: '健康',
    subcategories: [
      { code: 'chronic_illness', zh: '慢性病', en: 'Chronic illness' },
      { code: 'somatic_complaints', zh: '躯体化不适', en: 'Somatic complaints' },
    ],
  },
  {
    code: 'sexuality', zh: '性心理', en: 'Sexuality', monthlyFormColumn: '性',
    subcategories: [
      { code: 'sexual_health', zh: '性健康', en: 'Sexual health' },
      { code: 'sexual_identity', zh: '性取向与认同', en: 'Sexual orientation and identity' },
    ],
  },
  {
    code: 'suicide_self_harm', zh: '自杀与自伤', en: 'Suicide and self-harm', monthlyFormColumn: '危机',
    subcategories: [
      { code: 'suicidal_thoughts', zh: '自杀意念', en: 'Suicidal thoughts' },
      { code: 'suicide_attempt', zh: '自杀未遂/进行中', en: 'Suicide attempt' },
      { code: 'self_harm', zh: '自伤', en: 'Self-harm' },
      { code: 'third_party_concern', zh: '担心他人自杀', en: 'Worried about someone else' },
    ],
  },
  {
    code: 'violence_abuse', zh: '暴力与虐待', en: 'Violence and abuse', monthlyFormColumn: '家庭',
    subcategories: [
      { code: 'domestic_violence', zh: '家庭暴力', en: 'Domestic violence' },
      { code: 'child_abuse', zh: '儿童虐待', en: 'Child abuse' },
      { code: 'sexual_violence', zh: '性暴力', en: 'Sexual violence' },
    ],
  },
  {
    code: 'addiction', zh: '成瘾问题', en: 'Addiction', monthlyFormColumn: '其他',
    subcategories: [
      { code: 'alcohol', zh: '酒精', en: 'Alcohol' },
      { code: 'drugs', zh: '药物/毒品', en: 'Drugs' },
      { code: 'gaming_gambling', zh: '网络/赌博', en: 'Gaming or gambling' },
    ],
  },
  {
    code: 'information', zh: '信息咨询', en: 'Information request', monthlyFormColumn: '其他',
    subcategories: [
      { code: 'services', zh: '服务机构信息', en: 'Where to get help' },
      { code: 'policy', zh: '政策咨询', en: 'Policy questions' },
    ],
  },
  {
    code: 'other', zh: '其他', en: 'Other', monthlyFormColumn: '其他',
    subcategories: [
      { code: 'silent', zh: '无声来电', en: 'Silent call' },
      { code: 'harassment', zh: '骚扰来电', en: 'Abusive or prank call' },
      { code: 'other', zh: '其他', en: 'Other' },
    ],
  },
] as const satisfies readonly TopCategory[];

export type ProblemCategory = (typeof PROBLEM_TAXONOMY)[number]['code'];
export const PROBLEM_CATEGORY_CODES = PROBLEM_TAXONOMY.map((c) => c.code) as [ProblemCategory, ...ProblemCategory[]];

export interface ProblemRef {
  category: string;
  subcategory?: string | null | undefined;
}

/** Checks a list of problems: known codes, subcategory under its own category, no duplicates, 1…5 items. */
export function validateProblems(problems: readonly ProblemRef[]): { index: number; message: string } | null {
  if (problems.length > 5) return { index: 5, message: 'At most 5 problem categories per call' };
  const seen = new Set<string>();
  for (const [index, p] of problems.entries()) {
    const top = PROBLEM_TAXONOMY.find((c) => c.code === p.category);
    if (!top) return { index, message: `Unknown problem category ${p.category}` };
    if (p.subcategory != null && !top.subcategories.some((s) => s.code === p.subcategory))
      return { index, message: `Subcategory ${p.subcategory} does not belong to ${p.category}` };
    const key = `${p.category}/${p.subcategory ?? ''}`;
    if (seen.has(key)) return { index, message: `Problem ${key} is listed twice` };
    seen.add(key);
  }
  return null;
}

export function problemLabel(category: string, subcategory?: string | null, lang: 'zh' | 'en' = 'zh'): string {
  const top = PROBLEM_TAXONOMY.find((c) => c.code === category);
  if (!top) return category;
  const sub = (top.subcategories as readonly Label[]).find((s) => s.code === subcategory);
  return sub ? `${top[lang]} / ${sub[lang]}` : top[lang];
}
