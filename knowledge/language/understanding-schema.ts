/**
 * The language data of understanding: how residents ask about each topic
 * (weighted cue words, and patterns where words come in between), their
 * typos and colloquial forms (rewrites), intents, levels, places the notices
 * do not cover, other programmes and daily life (out of scope), prompt
 * injection and privacy probes, and the details residents ask that a notice
 * may not state. An operator edits knowledge/language/understanding.json;
 * the bot checks it at start (every pattern must compile) and refuses a bad
 * file naming the entry. bot/engine/understand/lexicon.ts compiles it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PatternSchema } from './pattern.js';
import { LevelSchema, TopicSchema } from '../facts/schema.js';

/** A regular expression written as its source text, for what needs words in between (knowledge/language/pattern.ts). */
const Pattern = PatternSchema;

export const IntentSchema = z.enum(['greeting', 'help', 'thanks', 'register', 'delete-data', 'show-draft', 'bye']);

export const UnderstandingLanguageSchema = z.object({
  /** Typos, homophones and colloquialisms rewritten before matching (applied in order). */
  rewrites: z.array(z.object({ pattern: Pattern, replacement: z.string() })),
  /** Cue words per topic with a weight; the highest total wins, ties go to the topic listed first. */
  topicCues: z.array(z.object({ topic: TopicSchema, cues: z.record(z.string().min(1), z.number().positive()) })),
  /** Cues that need words in between, added to the cue words' scores. */
  topicPatterns: z.array(z.object({ pattern: Pattern, topic: TopicSchema, weight: z.number().positive() })),
  /**
   * Things whose own rules carry their time ("开班三天前提出退款申请", "30日内颁发"): "退费最晚什么时候申请"
   * asks those rules, not the registration deadline the time words alone would pick.
   */
  ownTimeTopics: z.array(TopicSchema).default([]),
  /** The level a person asks to enrol in when several are named ("拿了初级证，能报中级吗"). */
  targetLevel: Pattern,
  /** Where classes or exams take place (the notices never say). */
  venueQuestion: Pattern,
  /** "能申请补贴吗": who may claim the subsidy, not how much it is. */
  subsidyEligibility: Pattern,
  levelCues: z.array(z.object({ pattern: Pattern, level: LevelSchema })),
  /** Short level answers ("初", "中的") when the bot just asked for a level. */
  bareLevel: Pattern,
  intents: z.array(z.object({ pattern: Pattern, intent: IntentSchema, ignoreCase: z.boolean().optional() })),
  /** Provinces and cities outside the notices' regions (to say "not covered"). */
  otherPlaces: z.array(z.string().min(1)),
  /** Words before an uncovered place that make it where the resident goes ("去青岛上课"), not where they are. */
  placeAsDestination: z.array(z.string().min(1)).default([]),
  /** Counting units after a number that make it a count, a duration or a date, not an amount of money ("2022年", "128学时", "20人"). */
  notAmountUnits: z.array(z.string().min(1)).default([]),
  /** Instructions aimed at the bot rather than a question. */
  injection: z.object({ pattern: Pattern, ignoreCase: z.boolean().optional() }),
  /** Requests for someone else's personal data. */
  privacyProbe: Pattern,
  /** Subjects of other programmes or of daily life: out of scope unless the programme is named. */
  foreignSubjects: Pattern,
  /**
   * The voice of an institution applying to train or assess ("我们公司能申报培训机构吗", "推荐表"): a question
   * in this voice that names no region is about the notices addressed to institutions (documents.json `audience`).
   */
  institutionVoice: Pattern.optional(),
  /** Words that tie a question to the programme (keep it in scope even with a foreign word). */
  programmeWords: Pattern,
  /**
   * The cues of understanding's own decisions: a short reply that continues the last topic
   * ("还行吗"), follow-up openings and endings ("那…", "…呢"), what makes a self-description a
   * question about enrolling ("能报吗", "够格"), and what makes a message a question at all.
   */
  cues: z.object({
    continuesTopic: Pattern,
    followUpOpening: Pattern,
    followUpEnding: Pattern,
    askCanEnrol: Pattern,
    questionWords: Pattern,
    canEnrol: Pattern,
    canEnrolLevel: Pattern,
    stillOpen: Pattern,
    questionMarks: Pattern,
    enrolWords: Pattern,
    /** "报名", "申报": the message names registering itself (a time asked is then the registration deadline). */
    namesRegistration: Pattern,
    /** "第二批评上的机构有哪些", "入选名单出了没": which institutions were selected, a result a call for applications does not give. */
    asksSelected: Pattern,
    /** A year ("2023年", "26年度"): which notice or when, never what is asked; left out when comparing with examples. */
    namesYear: Pattern,
    /** "初级和中级有什么区别": the levels side by side on everything (fee, hours, conditions). */
    levelDifference: Pattern,
    /** The message asks for a value (a time, an amount, a count), not yes or no: "啥时候考", "多少钱". */
    asksValue: Pattern,
    /** The resident names the day they would register ("我4月25号报"): the deadline is judged on that day. */
    onDay: Pattern,
    /**
     * A year alone is when the resident got their certificate ("证书是前年发的", "2024年拿的证"): a window counted
     * from that event is judged over the whole year.
     */
    certificateYear: Pattern,
    /**
     * The message asks where an application goes first, or whether it may skip a level ("先报到哪里",
     * "推荐表直接交省厅吗"): the region's steps in order answer it.
     */
    asksFirstStep: Pattern,
    /** A date the resident gives is of something else ("社保上个月断了", "去年毕业"): no window counted from a certificate applies. */
    otherEventDate: Pattern,
    /** The message speaks of a certificate at all ("证", "证书"): a date in it may be the certificate's. */
    certificateMentioned: Pattern,
    /** The message asks where to go or whom to ask ("去哪办", "找谁"): a district named gets its office. */
    asksWhere: Pattern,
    /** The message asks whether something is included ("包不包吃住"), not what it costs. */
    asksInclusion: Pattern,
    /**
     * The message asks what else is paid beside the training fee ("还有别的钱要交不", "教材另外算吗",
     * "再加上考等级的钱"): a net-cost answer adds what the fee leaves out and the rules on other costs.
     */
    asksOtherCosts: Pattern,
    /** The message asks for a number of people, hours, days, times or money ("一个班多少人", "要几天"). */
    asksCount: Pattern,
    /** The message asks for conditions or requirements ("得具备啥条件", "对规模有啥要求", "2020年注册的能报吗"). */
    asksConditions: Pattern,
    /** The message asks for the whole path ("从报名到拿证整个流程", "报完名之后流程是啥"): the region's steps in order. */
    asksWholeProcess: Pattern,
    /** The message asks how or when to pay ("钱交给谁", "咋交", "啥时候通知交钱"): the topic's rules on paying answer. */
    asksPayment: Pattern,
    /** The message asks who pays a subsidy out or where it is drawn ("补贴最后是谁发钱", "补贴从哪领"): the subsidy's rules answer, not its amounts. */
    asksPayer: Pattern,
    /** The message is about time ("现在还能申请吗", "拿证一年半了"): a subsidy claim's rules on time, not who may claim, answer it. */
    timeCircumstance: Pattern,
    /** The message asks what a certificate is good for ("培训合格证书有啥用", "证书 用处"): the titles it leads to and the continuing-education hours it counts for. */
    asksCertificateUse: Pattern,
    /** The message asks about applying for or being recognised a title ("能直接申报中级职称吗"): the title rules answer, not the training's entry conditions. */
    asksTitleApplication: Pattern,
    /** The message names how classes are given ("线上线下都包括吗", "网课"): a fee answer shows the hours of each part too. */
    namesClassFormat: Pattern,
    /** A clause that only states what the resident wants to do ("在金华想领补贴"), before the question: context, not an ask of its own. */
    statesPurpose: Pattern,
    /** Words by which a rule says who pays a subsidy out ("资金兑现", "补贴发放"): such a rule answers asksPayer first. */
    payerClause: Pattern,
    /** Words by which a rule points to where the details are ("详情见开班前下发的《学员手册》"): it answers "在哪看". */
    refersElsewhere: Pattern,
    /** Words by which a rule lets people take part ("均可参加", "可申报"): a group it names may. */
    inclusionClause: Pattern,
    /** The message names a notice by its year ("2023年那个方案", "2026年度通知"), not only a year of the resident's story: an older notice so named answers in its own rules. */
    namesNotice: Pattern,
    /** A document number as notices print it ("浙人社发〔2023〕36号"): it names the notices that cite it, not a year. */
    documentNumber: Pattern,
    /** A reply line states a number of that kind ("20人", "60学时", "一次"): it answers a count asked. */
    statesCount: Pattern,
    /** The message asks how long something takes ("多久发证", "几个工作日"): a rule stating that time answers it. */
    asksDuration: Pattern,
    /** The message asks where an office is (its address), not only how to reach it. */
    asksAddress: Pattern,
    /** The message asks when something opens or starts ("报名从啥时候开始"): the deadline answer quotes the notice's window. */
    asksStart: Pattern,
    /**
     * Words of the resident's own job or employment ("我是事业编", "学的会计", "送外卖的") that are also foreign
     * subjects: with a level named or a topic named plainly, the message is about the programme, not out of scope.
     */
    personalContext: Pattern,
    /**
     * The resident says what work they do ("做财务的", "搞IT的", "从事营销工作"), the work in the group `job`:
     * an occupation whose scope rule names that work answers that it covers them, beside the conditions.
     */
    statesJob: Pattern,
    /** The message names an age, an employment status or retirement ("15岁", "在编"): rules that leave people out answer first. */
    personalLimits: Pattern,
    /** Words by which a rule leaves people out ("不含…人员", "除外"). */
    exclusionClause: Pattern,
    /** The message speaks of every level at once ("补贴按等级不一样吗"): the levels are compared side by side. */
    allLevels: Pattern,
    /** The message asks about every level a notice may list ("初中高三个等级都考"): all three, side by side. */
    everyLevel: Pattern,
    /** The message asks what one training hour costs ("平均一个学时多少钱", "补完每学时合多少"): the cost-per-hour tool answers. */
    perHour: Pattern,
    /** The message asks what is left to pay ("补了1000 那我再交2000就行了是吧"): with a quoted subsidy, the net cost. */
    paysRest: Pattern,
    /** The message names the training fee itself ("培训费", "学费", "上课的钱"), not only another item's cost. */
    namesTrainingFee: Pattern,
    /** The message asks for a sum ("一共", "加起来"): several items' costs added up by a tool. */
    total: Pattern,
    /** A figure the message tells the bot to state ("…补贴是3000元"): dropped, so the rest of the clause is asked and answered from the notice. */
    injectedClaim: Pattern,
    /** Where one clause of a message ends and the next begins (punctuation, spaces, "然后", "另外"). */
    clauseBreak: Pattern,
  }),
  /**
   * Words by which a notice hands a question to someone else ("以评价机构公布为准", "另行通知"): an answer
   * made only of such clauses says the notice itself does not state it, and gives the hotline.
   */
  deferralMarkers: z.array(z.string().min(1)).default([]),
  /**
   * Things whose time a resident asks ("合格证多久发", "等级证书多久能拿到"): a rule's time limit ("30日内…")
   * answers only when the thing is named in the clause the limit governs; when none is, the notice does not state it.
   * Each entry is written as residents shorten it ("合格证" also finds "培训合格证书").
   */
  durationSubjects: z.array(z.string().min(1)).default([]),
  /**
   * Questions about a notice itself: for each field of the notice's metadata (documents.json), how a
   * resident asks for it (`ask`), what the field is called in a reply (`name`), and how the labels of the
   * facts that state it read (`label`). A notice without such a fact whose metadata records the field as
   * absent is said not to state it.
   */
  documentMeta: z
    .object({
      /** The message is about a notice at all ("通知", "方案", "文号"): without it "补贴什么时候发" is not about an issue date. */
      subject: Pattern,
      fields: z.array(z.object({ field: z.enum(['docNumber', 'issued', 'effective']), name: z.string().min(1), ask: Pattern, label: Pattern })),
    })
    .optional(),
  /**
   * How many people a cost question is for ("3个员工", "俩人", "我跟我对象一块报"): `counted` holds
   * {number} where the count is written; `pairs` are the ways of saying two without a number. A fee or
   * net-cost answer then adds the total for that many, from the total-cost tool.
   */
  headcount: z
    .object({
      counted: z
        .string()
        .refine((s) => s.includes('{number}'), { message: 'needs {number} where the count is written' })
        .refine((s) => PatternSchema.safeParse(s.replaceAll('{number}', '\\d+')).success, { message: 'not a valid regular expression' }),
      pairs: Pattern,
      /** Each level named is one person's ("一个报初级一个报中级", "我报初级她报中级"): the count is per level, not per person. */
      onePerLevel: Pattern.optional(),
    })
    .optional(),
  /** Details a notice may or may not state: when the documents hold none of the evidence words, the bot says so. */
  detailCues: z.array(
    z.object({
      label: z.string().min(1),
      cue: Pattern,
      evidence: Pattern,
      topic: TopicSchema,
      /** Not this detail when the message also says this ("初级中级一起报 总共多少" asks a sum, not whether both may be taken). */
      unless: Pattern.optional(),
      /** The clauses that come closest to the detail, shown first when it is not stated ("具体时间…另行通知" for the days of class). */
      nearest: Pattern.optional(),
    }),
  ),
});
export type UnderstandingLanguage = z.infer<typeof UnderstandingLanguageSchema>;

/** Parse and validate an understanding language file; throws naming every bad entry. */
export function loadUnderstandingLanguage(path: string): UnderstandingLanguage {
  const parsed = UnderstandingLanguageSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`language data ${path} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let shipped: UnderstandingLanguage | undefined;
/** The shipped understanding data (knowledge/language/understanding.json), loaded and validated once. */
export function defaultUnderstandingLanguage(): UnderstandingLanguage {
  shipped ??= loadUnderstandingLanguage(new URL('./understanding.json', import.meta.url).pathname);
  return shipped;
}
