/**
 * Every sentence the answer engine says to a resident. Templates take values
 * from tool outputs and facts; no fee, date, phone number or rule is written
 * here.
 */

export const SYSTEM_ERROR_REPLY = '抱歉，刚才处理您的消息时出了点问题，请稍后再发一次。如需人工帮助，可拨打所在区（市）人社部门电话。';

export const GREETING = (botName: string) =>
  `您好！我是数字技术工程师培育项目政策助手（${botName}）。我根据官方通知回答培训费、补贴、报名时间、报名条件、学时、证书、职称认定和联系电话等问题，并可以帮您在线填写报名表。`;

export const HELP_EXAMPLES = [
  '可以这样问我：',
  '· 枣庄中级培训费多少？补贴多少？',
  '· 报名截止到什么时候？还能报吗？',
  '· 我大专毕业工作两年了，能报初级吗？',
  '· 浙江大数据中级补贴多少、要多少学时？',
  '· 滕州报名打哪个电话？',
  '· 发送“我要报名”开始在线填写报名表。',
].join('\n');

export const THANKS = '不客气！还有问题随时问我。';
export const BYE = '再见！有问题随时来问。';

/** Line naming the sources of an answer. */
export const SOURCE_LINE = (refs: string[]) => `来源：${refs.join('；')}`;
/** Where a "not stated" claim was checked: the whole notice, no clause. */
export const SEARCHED_SECTION = '（全文已查，未见写明）';
export const SOURCE_REF = (shortTitle: string, section: string) => `《${shortTitle}》${section}`;

export const OTHER_REGION_RULES = (assumed: string, shown: readonly string[]) =>
  `（您没有说明地区；以下是${shown.join('、')}的通知中的规定，${assumed}的情况请以当地人社部门的说明为准。）`;
export const DEFAULT_REGION_NOTE = (region: string) => `（您没有说明地区，以下按${region}的通知回答；其他地区请告诉我城市名。）`;
export const REGION_FALLBACK_NOTE = (asked: string, found: string) => `${asked}的通知中没有这项内容，以下是${found}的规定：`;
export const LEVEL_NOT_LISTED = (region: string, level: string, levels: string[]) =>
  `${region}的通知没有公布${level}的培训费，本期只开设${levels.join('、')}：`;
/** A level the region's notices set no conditions for, and the levels they do offer. */
export const LEVEL_NOT_OFFERED = (region: string, level: string, levels: string[]) =>
  `${region}的通知没有${level}的报名条件，本期只开设${levels.join('、')}，报名条件如下：`;
/** A registration deadline on the day the resident names. */
export const DEADLINE_ON_DAY = (day: string, label: string, closes: string, open: boolean) =>
  open ? `按您说的${day}：${label}截止到${closes}，那天还在报名期内。` : `按您说的${day}：${label}已于${closes}截止，那天已经不能报名。`;
export const REGION_HEADER = (region: string) => `【${region}】`;
/** Header of one occupation's part in a side-by-side answer. */
export const OCCUPATION_HEADER = (occupation: string) => `【${occupation}】`;
export const LEVEL_HEADER = (level: string) => `【${level}】`;
/** How a compared quantity is named: "枣庄数字化管理师初级". */
export const QUANTITY_NAME = (region: string, occupation: string, level: string) => `${region}${occupation}${level}`;
const UNIT = { yuan: '元', hours: '学时' } as const;
/** The sum of several items' fees and net costs (total-cost tool). */
export const NET_COST_TOTAL = (items: number, fee: number, net?: number) =>
  net === undefined ? `${items}项合计：培训费${fee}元（通知未写明补贴，扣除补贴后的合计无法计算）。` : `${items}项合计：培训费${fee}元，扣除补贴后个人一共约承担${net}元。`;
/** One course's cost per training hour (cost-per-hour tool); without a stated subsidy only the fee's. */
export const COST_PER_HOUR = (p: { occupation: string; level: string; hours: number; fee: number; feePerHour: number; net?: number; netPerHour?: number }) =>
  `${p.occupation}（${p.level}）培训费${p.fee}元、共${p.hours}学时，平均每学时约${p.feePerHour}元` +
  (p.net !== undefined && p.netPerHour !== undefined ? `；扣除补贴后个人承担${p.net}元，平均每学时约${p.netPerHour}元。` : '。');
/** Several levels' subsidies added up (total-cost tool). */
export const SUBSIDY_TOTAL = (items: number, people: number, subsidy: number) =>
  people > 1 ? `按${people}人、每人${items}项计：补贴合计${subsidy}元。` : `${items}项补贴合计${subsidy}元。`;
/** Two levels' net costs compared (total-cost tool). */
export const NET_COST_DIFFERENCE = (larger: string, smaller: string, difference: number) => `扣除补贴后，${larger}比${smaller}个人多承担${difference}元。`;
export const NET_COST_SAME = (a: string, b: string, net: number) => `扣除补贴后，${a}和${b}个人承担一样，都是${net}元。`;
/** Several levels for several people (total-cost tool). */
export const HEADCOUNT_LEVELS_TOTAL = (people: number, items: number, fee: number, net?: number) =>
  net === undefined
    ? `按${people}人、每人${items}项计：培训费合计${fee}元（通知未写明补贴，扣除补贴后的合计无法计算）。`
    : `按${people}人、每人${items}项计：培训费合计${fee}元，扣除补贴后一共约承担${net}元。`;
/** A fee for several people (total-cost tool with a headcount). */
export const HEADCOUNT_TOTAL = (p: { people: number; occupation: string; level: string; fee: number; net?: number }) =>
  p.net === undefined
    ? `按${p.people}人计：${p.occupation}（${p.level}）培训费合计${p.fee}元（通知未写明补贴，扣除补贴后的合计无法计算）。`
    : `按${p.people}人计：${p.occupation}（${p.level}）培训费合计${p.fee}元，扣除补贴后一共约承担${p.net}元。`;
export const COMPARE_DIFFERENCE = (larger: string, smaller: string, difference: number, unit: keyof typeof UNIT) =>
  `比较：${larger}比${smaller}多${difference}${UNIT[unit]}。`;
export const COMPARE_EQUAL = (a: string, b: string, value: number, unit: keyof typeof UNIT) => `比较：${a}和${b}一样，都是${value}${UNIT[unit]}。`;

// Facts, rendered.
export const FEE_LINE = (p: { occupation: string; level: string; amount: number; mode?: string; includes: string[]; excludes: string[] }) =>
  `${p.occupation}（${p.level}）培训费${p.amount}元${p.mode ? `（${p.mode}）` : ''}` +
  (p.includes.length ? `，包含${p.includes.join('、')}` : '') +
  (p.excludes.length ? `；不含${p.excludes.join('、')}` : '') +
  '。';
export const SUBSIDY_LINE = (p: { beneficiaries: string; occupation: string; level: string; amount: number; hours?: number }) =>
  `${p.occupation}（${p.level}）培训补贴${p.amount}元${p.hours ? `（学时要求${p.hours}学时）` : ''}，对象：${p.beneficiaries}。`;
export const HOURS_LINE = (p: { occupation: string; level: string; total: number; online?: number; offline?: number }) =>
  `${p.occupation}（${p.level}）共${p.total}学时` +
  (p.online !== undefined && p.offline !== undefined ? `（线上${p.online}学时+线下${p.offline}学时）` : '') +
  '。';
export const NET_COST_LINE = (p: { occupation: string; level: string; fee: number; subsidy: number; net: number }) =>
  `${p.occupation}（${p.level}）：培训费${p.fee}元，补贴${p.subsidy}元，扣除补贴后个人实际承担约${p.net}元。`;
export const NET_COST_NO_FEE = (region: string, quoted = false) =>
  `${region}的通知中没有写明培训费（由培训机构向社会公开收费标准），所以无法算出自付金额。${quoted ? '' : '通知写明的补贴标准是：'}`;
/** The subsidy the resident quoted is the one the notice's table gives (their figure, not restated as an amount owed). */
export const NET_COST_SUBSIDY_AS_QUOTED = (figures: number[]) => `您说的补贴${figures.join('、')}与通知的补贴标准目录一致。`;
export const NET_COST_NOTE = '补贴的申领和发放方式以所在区（市）人社部门的说明为准。';
export const CONTACT_LINE = (p: { name: string; phone?: string; email?: string; address?: string }) =>
  `${p.name}${p.phone ? `：${p.phone}` : '（通知未公布电话）'}${p.email ? `，邮箱 ${p.email}` : ''}${p.address ? `，地址：${p.address}` : ''}`;
export const OCCUPATION_LINE = (p: { name: string; code?: string }) => `${p.name}${p.code ? `（职业编码${p.code}）` : ''}`;
export const INSTITUTION_LINE = (p: { name: string; role: 'training' | 'evaluation'; occupations: string[] }) =>
  `${p.name}（${p.role === 'training' ? '培训机构' : '评价机构'}${p.occupations.length ? `：${p.occupations.join('、')}` : ''}）`;
export const CLAUSE_LINE = (label: string, quote: string) => (quote.startsWith(label) ? quote : `${label}${quote}`);

// Deadlines.
export const DEADLINE_OPEN = (label: string, closes: string, daysUntilClose: number) =>
  `${label}截止到${closes}，目前仍在报名期内，现在还可以报名（距截止还有${daysUntilClose}天，截止当天也可以报）。`;
/** The notice's own words for the window, for "从啥时候开始报" (a window "即日起" has no opening date of its own), without the clause's trailing punctuation. */
export const DEADLINE_WINDOW = (quote: string) => `通知原文：“${quote.replace(/[，,；;。]+$/u, '')}”`;
export const DEADLINE_TODAY = (label: string, closes: string) => `${label}截止到${closes}，今天是最后一天，请尽快报名。`;
export const DEADLINE_CLOSED = (label: string, closes: string, daysSince: number) =>
  `${label}已于${closes}截止（已过去${daysSince}天），目前不在报名期内。`;
export const DEADLINE_CLOSED_NEXT = '您可以发送“我要报名”登记下一期的报名意向（标注为意向登记），或联系所在区（市）人社部门了解后续班次。';
export const DEADLINE_AS_OF = (today: string) => `（按${today}计算）`;

// Eligibility.
export const ELIGIBLE = (level: string, label: string, quote: string) => `按您说的情况，符合${level}培训对象条件：${CLAUSE_LINE(label, quote)}`;
export const NOT_ELIGIBLE = (level: string) => `按您说的情况，暂不符合${level}培训对象的任何一条条件。通知要求具备以下条件之一：`;
export const REFER = (level: string) => `技工院校毕业生按国家有关规定申报${level}，需要人工确认，请联系所在区（市）人社部门。`;
export const ELIGIBILITY_LIST = (level: string) => `${level}培训对象需具备以下条件之一：`;
export const ELIGIBILITY_ASK: Record<string, string> = {
  education: '您的最高学历是什么（如专科、本科、硕士）？',
  studying: '您目前是在读学生吗？',
  degrees: '您有学士、硕士或博士学位吗？',
  titles: '您有职称吗？有的话是什么职称（如技术员、助理工程师）？',
  levelCertificates: '您取得过初级专业技术等级证书吗？',
  yearsInWork: '您从事本职业技术工作几年了？',
  yearsSinceTitle: '取得该职称后，您从事本职业技术工作几年了？',
  yearsSinceLevelCertificate: '取得初级专业技术等级证书后，您从事本职业技术工作几年了？',
  relatedMajor: '您的博士专业和本职业相关吗？',
  retired: '您已经退休了吗？',
};
export const ELIGIBILITY_NEED_MORE = '要判断是否符合条件，还需要了解：';
export const ELIGIBILITY_UNDECIDED = (level: string) => `按您目前说的情况，暂不能确定是否符合${level}培训对象条件。可能适用的条款：`;
export const NOT_YET_GRADUATED = '您还在读且不是今年毕业的应届生，暂不符合按学历报名的条款（在读的只有应届毕业生可以）。';
export const DEGREE_ASSUMED = (degree: string) => `（按您有${degree}学位判断；只有学历没有学位的，以审核为准。）`;
export const YEARS_ESTIMATED = '（年限按您说的年份估算，具体以证书或职称文件上的日期为准。）';
export const ELIGIBILITY_NEAR_MISS = '以下条款按您说的情况不满足：';
/** Who a notice's exclusion names when it is about retirement. */
export const RETIRED_PEOPLE = '已退休人员';
export const ELIGIBILITY_EXCLUDED = (who: string) => `按您说的情况，不符合参加条件：通知规定培育对象不包含${who}。`;
/** A group the resident names, as the rule shown lists it (the rule follows). */
export const GROUP_INCLUDED = (group: string) => `按通知，${group}可以参加（原文如下）。`;
export const GROUP_EXCLUDED = (group: string) => `按通知，${group}不在参加范围内（原文如下）。`;
export const ELIGIBILITY_STAFF = '最终以所在区（市）人社部门审核为准。';

// Refund conflict.
export const REFUND_CONFLICT_INTRO = '关于退款，两份文件的说法不一致，请以报名时工作人员的说明为准：';

// Not known / not covered.
/** A window counted from the resident's own event (window-status tool). */
export const WINDOW_OPEN = (label: string, lastDay: string, daysUntilClose: number) => `按您说的时间，${label}到${lastDay}为止，现在还在期限内（距最后一天还有${daysUntilClose}天，最后一天当天也算）。`;
export const WINDOW_CLOSED = (label: string, lastDay: string, daysSince: number) => `按您说的时间，${label}最晚到${lastDay}，已经超过期限${daysSince}天。`;
export const WINDOW_DEPENDS = (label: string, earliest: string, latest: string) =>
  `按您说的时间，${label}的最后一天在${earliest}到${latest}之间，要看证书核发的具体日期，请以证书上的日期为准。`;
/** A notice that prints no 文号 / date of its own. */
export const DOCUMENT_FIELD_NOT_STATED = (shortTitle: string, field: string) => `《${shortTitle}》没有写明${field}。`;
export const NOT_STATED = (what: string, region: string) => `${region}的通知中没有写明${what}。`;
/** What a call for institutions' applications does not give: its result. */
export const SELECTED_INSTITUTIONS = '最终入选的机构名单或评审结果';
/** Lead of a region's own rules on a topic the tools had no typed answer for. */
/** "滕州市人力资源和社会保障局的地址": what is not stated about an office. */
export const ADDRESS_OF = (office: string) => (office ? `${office}的地址` : '地址');
/** "教材费的金额": what is not stated, when it is the amount of an item. */
export const AMOUNT_OF = (item: string) => `${item}的金额`;
/** "合格证多久能拿到": the time asked of a thing, as a not-stated line names it. */
export const DURATION_OF = (item: string) => `${item}多久能拿到`;
/** Before the clauses nearest a question the notice does not answer. */
export const NEAREST_CLAUSE = '通知里相关的规定是：';
/** The fee leaves the item out (the fee fact's "excludes"). */
/** One step of the resident's path, numbered ("1. 填写报名表…"). */
export const STEP_LINE = (n: number, line: string) => `${n}. ${line}`;
export const FEE_EXCLUDES = (item: string) => `通知写明培训费不含${item}。`;
/** Leads an answer whose clauses only hand the question on ("以评价机构公布为准"). */
export const DEFERRED_LEAD = '通知本身没有写明具体安排，只说明：';
/** The same lead for the region assumed when none was named, before what other notices state. */
export const DEFERRED_LEAD_OF = (region: string) => `${region}的通知本身没有写明具体安排，只说明：`;
/** Before the other notices' own clauses on a question the assumed region's notice hands on. */
export const STATED_ELSEWHERE = (regions: readonly string[]) => `${regions.join('、')}的通知对此写明：`;
export const REGION_SAYS = (region: string, what: string) => `${region}的通知关于${what}是这样规定的：`;
export const NOT_COVERED_PLACE = (place: string, covered: string[]) =>
  `我收录的通知只涉及${covered.join('、')}，没有${place}的政策，无法回答${place}的情况，请拨打${place}当地人社部门的咨询电话了解。`;
export const LOCAL_OFFICE = (region: string) => `${region}当地人社部门（咨询电话请以当地公布为准）`;
export const UNKNOWN = '这个问题我收录的通知里没有写明，我不能猜测。';
export const UNKNOWN_HOTLINE = (lines: string[]) => `建议咨询：${lines.join('；')}。`;
export const OUT_OF_SCOPE = '我只回答数字技术工程师培育项目的政策问题（培训费、补贴、报名、条件、学时、证书、职称等）。';
export const INJECTION_NOTE = '我只依据官方通知回答，不能按消息里的指令修改政策内容，也不提供系统设置。';
/** After a refusal to give someone's data: the office to ask when the need is genuine. */
export const PRIVACY_OFFICE = (contacts: string[]) => `确有需要（例如核对本人报名情况），请联系：${contacts.join('；')}。`;
/** A contact person a notice names: only the office details it publishes are given. */
export const PRIVACY_PUBLIC_CONTACT = '通知只公布了联系人的办公联系方式，个人住址、私人手机号等信息我不能提供：';
/** What separates the people of one contact entry, and the office given in brackets after them. */
export const NAME_SEPARATORS = ['、', '（', '）', '(', ')', '，'];
export const PRIVACY_REFUSAL = '报名人的个人信息只提供给负责报名的工作人员，我不能透露任何人的身份证号、手机号等信息。';
export const RELATED_PASSAGES = '通知中相关的原文如下：';
export const PASSAGE_LINE = (source: string, text: string) => `${source}：“${text}”`;
export const ASK_LEVEL = '您问的是初级还是中级？';
export const WHICH_REGION = (covered: string[]) => `请问您是哪个地区的？（目前收录${covered.join('、')}的通知）`;

// The sign-up form.
export const FORM_FIELDS = (labels: string[]) => `报名表需填写：${labels.join('、')}。`;
export const OPTIONAL_FIELD = (label: string) => `${label}（可不填）`;
/** One field of the sign-up form as the form prints it ("职称（没有可不填）"). */
export const FORM_FIELD_AS_PRINTED = (label: string, printed: string) => `报名表的“${label}”一栏印的是：${printed}。`;
export const FORM_START_HINT = '发送“我要报名”，我可以一步步帮您在线填写。';
export const COMPARE_MORE = '报名条件也不同，可以问我“初级报名条件”或“中级报名条件”。';
export const DETAIL_NOT_STATED = (what: string, related: boolean, region?: string) =>
  `${region ? `${region}的` : ''}通知中没有关于${what}的规定，我不能猜测。${related ? '通知里相关的内容是：' : ''}`;

/** What a topic is called in "X的通知中没有写明…" replies. */
export const TOPIC_LABELS: Partial<Record<string, string>> = {
  certificate: '证书的相关规定',
  'continuing-education': '继续教育学时的规定',
  process: '办理流程',
  course: '课程安排',
  class: '开班安排',
  attendance: '考勤和补课的规定',
  exam: '考核安排和考核费用',
  'talent-card': '人才卡政策',
  target: '培育目标',
  audience: '培育对象',
  materials: '所需材料',
  quota: '申报数量',
  reporting: '报送要求',
  verification: '证书查询方式',
  form: '报名表',
  policy: '相关政策',
  institution: '机构安排',
  occupation: '职业目录',
};
export const OCCUPATION_NOT_LISTED = (region: string, occupation: string, listed: string[]) =>
  `${region}的通知中没有${occupation}的补贴标准，补贴标准目录只列了：${listed.join('、')}。`;
/** A region's notices, named together. */
export const REGION_NOTICES = (region: string) => `${region}的通知`;
/** "枣庄有区块链方向吗": the region's notice lists other occupations; `elsewhere` says the ones that name the asked one follow. */
export const OCCUPATION_NOT_OFFERED = (notice: string, occupation: string, listed: string[], elsewhere: boolean) =>
  `${notice}列出的职业是${listed.join('、')}，没有${occupation}${elsewhere ? '；提到它的有：' : '。'}`;
export const NOT_DIRECTLY_STATED = '通知里没有直接回答这个问题，我不能猜测。最接近的规定是：';
export const PASSAGES_HEDGE = '通知里没有找到直接的答案，以下是最接近的原文，供参考：';

/** A taught answer (staff's 缺口 page): facts answer it. */
export const TAUGHT_LEAD = '关于这个问题，通知里是这样规定的：';
/** A taught answer quoting one notice passage. */
export const TAUGHT_PASSAGE = (source: string, text: string) => `${source}：“${text}”`;
/** A taught "not covered, ask X" (X is a contact fact, never free text). */
export const TAUGHT_NOT_COVERED = (contact: string) => `通知未涉及这个问题，请咨询：${contact}。`;
