/**
 * Realistic synthetic register rows for demos and benchmarks: valid GB 11643 national IDs (unique up to
 * 18 million rows), Chinese names from common surnames and given-name characters, mobile numbers,
 * addresses in the community's own name, population categories, and for a share of the rows a stay at
 * a designated hospital (most of them discharged, some on psychiatric drugs). Deterministic for a seed.
 * Yields CSV lines with the importer's English header, so memory stays flat at any size.
 */
import { IMPORT_COLUMNS, makeNationalId } from '@anxin/domain';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
export const SURNAME_CHARS = [...SURNAMES];
export const GIVEN_CHARS = [...GIVEN];
const STREET_WORDS = ['幸福', '建设', '解放', '中山', '胜利', '友谊', '和平', '新华', '民主', '青年'];
const CATEGORY_POOL = ['治愈患者', '患者家属', '病亡者家属', '一线医务人员', '公安民警等一线工作人员', '低保对象', '特殊困难老年人', '残疾人', '学生', '其他'];
const DRUGS = [
  ['舍曲林', '50mg qd'],
  ['艾司西酞普兰', '10mg qd'],
  ['奥氮平', '5mg qn'],
  ['劳拉西泮', '0.5mg prn'],
  ['米氮平', '15mg qn'],
] as const;
const DOCTORS = ['王医生', '李医生', '张医生', '刘医生', '陈医生'];

export interface SyntheticOptions {
  rows: number;
  /** Real community codes (12 digits) the people live in. */
  communities: readonly { code: string; name?: string }[];
  /** Designated hospital names as registered in the organisations table. */
  hospitals: readonly string[];
  /** Share of rows with a hospital stay (0–1); 0.2 by default. */
  episodeShare?: number;
  /** Share of rows without a national ID (0–1); 0.02 by default. */
  noIdShare?: number;
  seed?: number;
  /** First row index, so several files can be cut from one sequence without repeating IDs. */
  offset?: number;
}

/** mulberry32: small, fast and good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const BIRTH_START = Date.UTC(1930, 0, 1);
const BIRTH_DAYS = 27_000; // 1930 to 2003
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const SYNTHETIC_HEADER = IMPORT_COLUMNS.map((c) => c.field).join(',');

/** CSV lines (each ending in \n), header first. */
export function* syntheticPersonLines(o: SyntheticOptions): Generator<string> {
  if (o.communities.length === 0) throw new Error('no communities to place people in');
  const rand = prng(o.seed ?? 20200301);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const episodeShare = o.episodeShare ?? 0.2;
  const noIdShare = o.noIdShare ?? 0.02;
  yield `${SYNTHETIC_HEADER}\n`;
  for (let n = 0; n < o.rows; n++) {
    const i = (o.offset ?? 0) + n;
    const community = pick(o.communities);
    const sex = rand() < 0.5 ? 'male' : 'female';
    // (birth day, sequence) is unique per row index: IDs never repeat below 13.5 million rows.
    const birthDate = iso(BIRTH_START + (i % BIRTH_DAYS) * DAY);
    const sequence = Math.floor(i / BIRTH_DAYS) % 500;
    const hasId = rand() >= noIdShare;
    const nationalId = hasId ? makeNationalId(community.code.slice(0, 6), birthDate, sequence, sex) : '';
    const name = pick(SURNAME_CHARS) + pick(GIVEN_CHARS) + (rand() < 0.7 ? pick(GIVEN_CHARS) : '');
    const phone = `1${pick(['3', '5', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
    const address = `${community.name ?? ''}${pick(STREET_WORDS)}路${1 + Math.floor(rand() * 300)}号${1 + Math.floor(rand() * 20)}栋${101 + Math.floor(rand() * 20)}室`;
    const categories = rand() < 0.8 ? [pick(CATEGORY_POOL), ...(rand() < 0.2 ? [pick(CATEGORY_POOL)] : [])] : [];
    const unique = [...new Set(categories)].join(';');
    let episode = ['', '', '', '', '', '', ''];
    if (o.hospitals.length > 0 && rand() < episodeShare) {
      const admission = Date.UTC(2020, 0, 15) + Math.floor(rand() * 120) * DAY;
      const discharged = rand() < 0.85;
      const discharge = admission + (7 + Math.floor(rand() * 40)) * DAY;
      const meds = discharged && rand() < 0.3 ? (() => { const [drug, dose] = pick(DRUGS); return `${drug}|${dose}|${pick(DOCTORS)}`; })() : '';
      episode = [
        pick(o.hospitals),
        `R${String(i).padStart(8, '0')}`,
        iso(admission),
        discharged ? iso(discharge) : '',
        rand() < 0.9 ? 'U07.1' : 'U07.1;F43.1',
        pick(['轻型', '普通型', '普通型', '重型', '危重型']),
        meds,
      ];
    }
    const row = [name, hasId ? '' : sex === 'male' ? '男' : '女', hasId ? '' : birthDate, nationalId, phone, address, community.code, unique, ...episode];
    yield `${row.map(csvCell).join(',')}\n`;
  }
}
