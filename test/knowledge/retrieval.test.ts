/**
 * Retrieval on the real notices, with questions written the way residents
 * write them: colloquial, keywords only, typos, traditional characters. Each
 * names a distinctive piece of the passage that must be in the top 3.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../../knowledge/ingest/ingest-documents.js';
import { buildKnowledgeBase, type HybridKnowledgeBase } from '../../knowledge/knowledge-base.js';

let kb: HybridKnowledgeBase;

beforeAll(async () => {
  const ingested = await ingestDocuments('knowledge/docs');
  if (!ingested.ok) throw new Error(ingested.error);
  kb = await buildKnowledgeBase(ingested.value.chunks);
});

const cases: [query: string, expected: string][] = [
  // 枣庄 2026 notice and its brochures
  ['退款', '提出退款申请'],
  ['交了钱能退吗', '提出退款申请'],
  ['能退钱吗', '提出退款申请'],
  ['退款申情', '提出退款申请'],
  ['滕州报名电话', '滕州市人力资源和社会保障局 5513165'],
  ['几号截止', '即日起至2026年4月20日'],
  ['枣庄 补贴多少', '中级1300元、初级1000元培训补贴'],
  ['初级要什么学历', '初级培训对象需具备以下条件之一'],
  ['初级培训费多少钱', '培训费3000元'],
  ['中级学费', '培训费3500元'],
  ['中级多少学时', '共90学时'],
  ['初级线上线下各几个课时', '线上培训48学时+线下12学时'],
  ['几个人开班', '每期满20人即可开班'],
  ['继续教育学时能认吗', '参训学时记入《专业技术人员继续教育证书》'],
  ['技术支持电话', '徐老师 15315546026'],
  ['报名表要填什么', '报名表：姓名、性别、身份证号'],
  ['石油大学地址在哪', '长江西路66号'],
  ['缺课了能补课吗', '概不补课'],
  ['考核费用谁出', '考核费用个人自理'],
  ['棗莊中級補貼多少錢', '中级1300元、初级1000元培训补贴'],
  ['數字化管理師職業編碼', '2-02-30-11'],
  ['惠才卡', '惠才卡发放范围'],
  ['硕士能报中级吗', '具备硕士学位或第二学士学位'],
  // 枣庄 2023 plan
  ['枣庄人社局邮箱', 'zzzjk@zz.shandong.cn'],
  ['枣庄每年培养多少人', '每年培养培训数字技术技能人员200人左右'],
  ['一培多证', '一培多证'],
  ['创业贷款', '创业担保贷款'],
  // 威海
  ['威海职称怎么认定', '分别认定为助理工程师、工程师职称'],
  ['威海英才卡', '威海英才卡'],
  ['威海补贴能重复领吗', '同一职业（工种）同一等级一年内不可重复享受'],
  ['威海 证书怎么查真假', '技能人才评价工作网'],
  ['威海退休了还能参加吗', '不包含已退休人员'],
  // 金华 / 浙江
  ['大数据 中级 学时', '大数据工程技术人员；职业代码：2-02-10-11'],
  ['大数剧中级补贴', '大数据工程技术人员；职业代码：2-02-10-11'],
  ['区块链高级补贴', '区块链工程技术人员；职业代码：2-02-10-15'],
  ['智能製造初級補貼', '智能制造工程技术人员；职业代码：2-02-07-13'],
  ['金华补贴申请期限', '核发之日起12个月内'],
  ['金华申请补贴要什么材料', '（一）培训合格证书、专业技术等级证书'],
  ['浙江一年能领几次补贴', '每人每年可享受不超过3次'],
  ['杭州电子科技大学培训什么', '杭州电子科技大学；职业名称：大数据'],
  ['金华 没交社保能领补贴吗', '已在我市缴纳社会保险'],
  ['浙江 高级证书 评职称', '可直接申报评审高级工程师'],
  // 辽宁
  ['辽宁申报截止时间', '2023年6月15日前'],
  ['辽宁联系电话', '024-22904752'],
  ['机构成立要满几年 辽宁', '2018年12月31日以前注册登记成立'],
  ['沈阳能报几家培训机构', '沈阳、大连不超过5家'],
  ['辽宁申报要交哪些材料', '法人登记证书复印件'],
  ['辽宁有哪些职业可以申报', '人工智能工程技术人员'],
];

describe('retrieval over the five notices', () => {
  it.each(cases)('"%s" finds a passage containing "%s" in the top 3', async (query, expected) => {
    const passages = await kb.search(query, { k: 3 });
    const shown = passages.map((p) => `${p.id} ${p.text.slice(0, 40)}`);
    expect(passages.some((p) => p.text.includes(expected)), shown.join('\n')).toBe(true);
  });
});
