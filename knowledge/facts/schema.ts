/**
 * The facts table: every exact fact the bot may state (fees, subsidies, hours,
 * dates, phone numbers, rules), as data an operator edits when a new notice
 * arrives. Each fact names its source document and carries a verbatim quote;
 * test/knowledge/facts-quotes.test.ts proves every quote is in its document.
 *
 * One schema per domain type; the TypeScript types are inferred from it.
 */
import { z } from 'zod';

/** Regions the notices cover. 金华 applies Zhejiang's province-wide plan. */
export const RegionSchema = z.enum(['枣庄', '威海', '浙江', '金华', '辽宁']);
export type Region = z.infer<typeof RegionSchema>;

export const LevelSchema = z.enum(['初级', '中级', '高级']);
export type Level = z.infer<typeof LevelSchema>;

/** Calendar date in Beijing time, YYYY-MM-DD. */
export const IsoDateSchema = z.iso.date();

/** Topics a question or a fact can be about; the engine routes on them. */
export const TopicSchema = z.enum([
  'fee', // 培训费 and what it includes
  'subsidy', // 培训补贴
  'net-cost', // fee minus subsidy (derived by a tool, never stored)
  'hours', // 学时
  'deadline', // 报名截止 / 申报截止
  'eligibility', // 培训对象 / 申报条件
  'title', // 职称认定 / 评审
  'certificate', // 培训合格证书 / 专业技术等级证书
  'continuing-education', // 继续教育学时
  'contact', // 电话 / 联系人 / 地址
  'institution', // 培训机构 / 评价机构
  'occupation', // 职业 / 职业代码
  'process', // 报名流程 / 申报程序 / 申领补贴
  'refund', // 退款
  'course', // 课程内容 / 培训形式
  'class', // 开班人数 / 开班时间
  'attendance', // 补课 / 纪律
  'exam', // 考核 / 考核费用
  'talent-card', // 惠才卡 / 英才卡
  'target', // 培育目标 / 规模
  'audience', // 培育对象 (who the programme is for)
  'materials', // 申请材料 / 申报材料
  'quota', // 申报数量
  'reporting', // 报送 / 备案 (staff-facing)
  'verification', // 证书查询验证
  'form', // 报名表
  'policy', // other policy support (竞赛奖励, 创业扶持, …)
]);
export type Topic = z.infer<typeof TopicSchema>;

/** Fields shared by every fact. */
const FactBase = {
  /** Stable id, kebab-case, unique in the table (e.g. "zz26-fee-junior"). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** Document id from knowledge/docs/documents.json. */
  doc: z.string().min(1),
  /** Section path inside the document, e.g. "七、报名与缴费 > （二）缴费事宜". */
  section: z.string().min(1),
  /** Verbatim text of the document (whitespace may differ) that states the fact. */
  quote: z.string().min(4),
  region: RegionSchema,
  /** Topics this fact answers; the first is the main one. */
  topics: z.array(TopicSchema).min(1),
  /** Ids of facts that state the same thing differently (a known conflict). */
  conflictsWith: z.array(z.string()).optional(),
  /**
   * Ids of facts that complete this one: shown with it whenever it answers (a permission and how it is
   * used, a limit and its exception), e.g. "可以申报多个职业" with "须按职业分别填报申请".
   */
  seeAlso: z.array(z.string()).optional(),
  /**
   * This rule's place in the resident's path through the programme as its notice lays it out
   * (1 = first: sign up, then pay, train, get the certificates …); "整个流程是啥" is answered by the
   * region's steps in order.
   */
  step: z.number().int().positive().optional(),
  /** Operator's remark (not shown to residents). */
  note: z.string().optional(),
};

const Yuan = z.number().int().nonnegative();

export const FeeFactSchema = z.object({
  ...FactBase,
  kind: z.literal('fee'),
  occupation: z.string(),
  level: LevelSchema,
  amountYuan: Yuan,
  /** e.g. "线上+线下班". */
  mode: z.string().optional(),
  includes: z.array(z.string()),
  excludes: z.array(z.string()),
  /** Who collects it, e.g. "中国石油大学（华东）". */
  payee: z.string().optional(),
});

export const SubsidyFactSchema = z.object({
  ...FactBase,
  kind: z.literal('subsidy'),
  occupation: z.string(),
  occupationCode: z.string().optional(),
  level: LevelSchema,
  amountYuan: Yuan,
  /** Hours a course must have for this subsidy (Zhejiang table). */
  hoursRequired: z.number().int().positive().optional(),
  /** Who receives it, in the notice's words, e.g. "枣庄市参训人员". */
  beneficiaries: z.string(),
});

export const HoursFactSchema = z.object({
  ...FactBase,
  kind: z.literal('hours'),
  occupation: z.string(),
  level: LevelSchema,
  total: z.number().int().positive(),
  online: z.number().int().nonnegative().optional(),
  offline: z.number().int().nonnegative().optional(),
});

export const DeadlineFactSchema = z.object({
  ...FactBase,
  kind: z.literal('deadline'),
  /** What closes: residents' registration, institutions' application, … */
  subject: z.enum(['registration', 'institution-application', 'subsidy-application']),
  /** Human label, e.g. "数字化管理师培训报名". */
  label: z.string(),
  opens: IsoDateSchema.optional(),
  /** Last day (inclusive, Beijing time). */
  closes: IsoDateSchema,
  audience: z.string(),
});

/**
 * A machine-checkable condition of an eligibility clause. A clause holds when
 * all its conditions hold (see tools/eligibility.ts for the profile they read).
 */
export const ConditionSchema = z.discriminatedUnion('kind', [
  /** Highest education at least `min` (students count when `includesStudents`). */
  z.object({
    kind: z.literal('education'),
    anyOf: z.array(z.enum(['技工院校', '专科', '本科', '硕士', '博士'])).min(1),
    includesStudents: z.boolean().optional(),
  }),
  /** Holds a degree among these. */
  z.object({ kind: z.literal('degree'), anyOf: z.array(z.enum(['学士', '第二学士', '硕士', '博士'])).min(1) }),
  /** Holds one of these professional titles. */
  z.object({ kind: z.literal('title'), anyOf: z.array(z.string()).min(1) }),
  /** Holds a professional technical level certificate of this level. */
  z.object({ kind: z.literal('level-certificate'), level: LevelSchema }),
  /** Years of work in this occupation, counted since `since` when given. */
  z.object({
    kind: z.literal('years'),
    min: z.number().nonnegative(),
    since: z.enum(['title', 'level-certificate']).optional(),
  }),
  /** Major related to the occupation (e.g. 相关专业博士). */
  z.object({ kind: z.literal('related-major') }),
  /** The notice defers to national rules: the bot cannot decide, staff must. */
  z.object({ kind: z.literal('refer'), reason: z.string() }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const EligibilityClauseSchema = z.object({
  /** Clause number as printed, e.g. "（2）". */
  label: z.string(),
  quote: z.string().min(4),
  all: z.array(ConditionSchema).min(1),
});
export type EligibilityClause = z.infer<typeof EligibilityClauseSchema>;

export const EligibilityFactSchema = z.object({
  ...FactBase,
  kind: z.literal('eligibility'),
  occupation: z.string(),
  level: LevelSchema,
  /** "any": one clause suffices (条件之一). */
  mode: z.literal('any'),
  clauses: z.array(EligibilityClauseSchema).min(1),
  /** People excluded outright (e.g. 已退休人员), in the notice's words. */
  excludes: z.array(z.string()).optional(),
});

export const TitleFactSchema = z.object({
  ...FactBase,
  kind: z.literal('title'),
  /** Which certificate leads to the title. */
  via: z.enum(['level-certificate', 'training-certificate']),
  level: LevelSchema,
  /** e.g. "助理工程师"; absent when the rule is "可作为重要参考". */
  title: z.string().optional(),
  /** Plain statement of the rule for residents. */
  statement: z.string(),
});

export const ContactFactSchema = z.object({
  ...FactBase,
  kind: z.literal('contact'),
  /** Office or person, e.g. "滕州市人力资源和社会保障局", "徐老师". */
  name: z.string(),
  /** As printed in the notice (local numbers lack the area code). */
  phone: z.string().optional(),
  /** Area code for local numbers, e.g. "0632". */
  areaCode: z.string().optional(),
  email: z.string().optional(),
  address: z.string().optional(),
  /** District/county the office serves; "市直" for the city bureau. */
  district: z.string().optional(),
  /** What to call about, e.g. ["政策咨询", "报名"], ["技术支持"]. */
  purposes: z.array(z.string()).min(1),
});

export const OccupationFactSchema = z.object({
  ...FactBase,
  kind: z.literal('occupation'),
  name: z.string(),
  code: z.string().optional(),
  /** Short names residents use (数字化管理, 大数据, …). */
  aliases: z.array(z.string()),
});

export const InstitutionFactSchema = z.object({
  ...FactBase,
  kind: z.literal('institution'),
  name: z.string(),
  role: z.enum(['training', 'evaluation']),
  occupations: z.array(z.string()),
});

/** Any other rule stated in a notice, with a plain statement for residents. */
export const RuleFactSchema = z.object({
  ...FactBase,
  kind: z.literal('rule'),
  /** Short label, e.g. "开班人数", "退款（市通知）". */
  label: z.string(),
  statement: z.string(),
  /** A number the rule carries (20 人, 12 个月, 3 次…), for tools that compute. */
  value: z.number().optional(),
  unit: z.string().optional(),
});

/**
 * The keys of the sign-up form's fields, in the notice's order: the one list
 * of them. bot/registration/form-fields.ts gives each its validator, mask,
 * stored type and export width (a typed record over these keys, so a key
 * without a definition does not compile); the labels come from the
 * `form-field` facts.
 */
export const FORM_FIELD_KEYS = ['name', 'gender', 'idNumber', 'education', 'title', 'employer', 'district', 'phone', 'level'] as const;
export const FormFieldKeySchema = z.enum(FORM_FIELD_KEYS);

/** One field of the sign-up form (报名表). */
export const FormFieldFactSchema = z.object({
  ...FactBase,
  kind: z.literal('form-field'),
  field: FormFieldKeySchema,
  label: z.string(),
  order: z.number().int().nonnegative(),
  optional: z.boolean(),
  /** Allowed values where the notice lists them (e.g. districts, levels). */
  options: z.array(z.string()).optional(),
});

export const FactSchema = z.discriminatedUnion('kind', [
  FeeFactSchema,
  SubsidyFactSchema,
  HoursFactSchema,
  DeadlineFactSchema,
  EligibilityFactSchema,
  TitleFactSchema,
  ContactFactSchema,
  OccupationFactSchema,
  InstitutionFactSchema,
  RuleFactSchema,
  FormFieldFactSchema,
]);
export type Fact = z.infer<typeof FactSchema>;
export type FactKind = Fact['kind'];
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;

/** Place names residents use, mapped to the region whose notices apply. */
export const RegionAliasSchema = z.object({
  region: RegionSchema,
  /** Names that select this region, e.g. ["枣庄", "滕州", "薛城"]. */
  names: z.array(z.string()).min(1),
  /** Regions whose notices also apply (金华 -> 浙江). */
  inherits: z.array(RegionSchema).optional(),
});

export const FactsFileSchema = z
  .object({
    /** Bumped by the operator on every edit; shown in the staff console. */
    version: z.string(),
    /** Region used when a question names none. */
    defaultRegion: RegionSchema,
    regions: z.array(RegionAliasSchema),
    facts: z.array(FactSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, f] of file.facts.entries()) {
      if (seen.has(f.id)) ctx.addIssue({ code: 'custom', message: `duplicate fact id ${f.id}`, path: ['facts', i, 'id'] });
      seen.add(f.id);
    }
    for (const [i, f] of file.facts.entries()) {
      for (const other of f.conflictsWith ?? []) {
        if (!seen.has(other))
          ctx.addIssue({ code: 'custom', message: `${f.id} conflictsWith unknown fact ${other}`, path: ['facts', i] });
      }
    }
  });
export type FactsFile = z.infer<typeof FactsFileSchema>;

/** Metadata of one shipped notice (knowledge/docs/documents.json). */
export const DocumentMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  file: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  issuer: z.string(),
  region: RegionSchema,
  docNumber: z.string().nullable(),
  issued: IsoDateSchema.nullable(),
  effective: IsoDateSchema.nullable(),
  attachments: z.array(z.string()),
  /** Whom the notice addresses: residents (the default) or institutions applying to train or assess (辽宁's call). */
  audience: z.enum(['residents', 'institutions']).default('residents'),
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;
export const DocumentsFileSchema = z.array(DocumentMetaSchema).min(1);
