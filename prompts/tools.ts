/**
 * Descriptions of the exact-fact tools and their input fields, as sent to a
 * language model. They say what each tool answers and when to call it; they
 * state no fact themselves (every number comes from the tool's output).
 */

/** One description per tool, keyed by the tool's name. */
export const toolDescriptions = {
  'fee-lookup':
    '查询培训费（收费标准）：金额、包含和不包含的费用、收款单位。可按地区、职业、等级筛选。回答任何“多少钱/培训费/学费”问题前必须调用。',
  'subsidy-lookup':
    '查询培训补贴：某地区（可再按职业、等级）的补贴金额、享受对象和相关规定。通知未写明金额的地区会返回“未写明金额”及决定补贴的规定；通知未覆盖的地区返回 not-covered，此时不得给出任何金额。',
  'net-cost':
    '计算个人实际承担的费用＝培训费－培训补贴，需要地区、职业和等级；两项都引用原文。缺少其中一项时会说明缺哪一项，不得自行估算。',
  'total-cost':
    '计算几项培训（几个人，或一个人报几个等级）一共的培训费、补贴和扣除补贴后一共要自己出多少：每项的培训费、补贴和“培训费－培训补贴”乘以人数后相加，两项时还给出扣除补贴后的差额，引用每一条原文；某一项通知没写的部分不相加。回答“一共/总共/加起来/几个人/多掏多少”时调用，不得自行计算。',
  'cost-per-hour':
    '计算平均每个学时的费用：培训费÷总学时，以及（培训费－培训补贴）÷总学时，保留一位小数；培训费、补贴和学时都引用原文，通知没写的部分不计算。回答“一个学时多少钱/每学时合多少”时调用，不得自行计算。',
  'compare-quantities':
    '比较两条事实里的数量（两项培训费、两项补贴或两项学时），返回两者的数值、相差多少和哪个更多；两条都引用原文。回答“差多少/多多少/哪个多”时调用，不得自行计算。',
  'hours-lookup': '查询培训学时：总学时、线上学时、线下学时。可按地区、职业、等级筛选。',
  'deadline-status':
    '按北京时间的今天判断报名或申报截止日期的状态：尚未开始、进行中（剩余天数，含截止当天）、今天截止、已截止（已过天数）。回答“还能报名吗/什么时候截止”时调用。',
  'window-status':
    '按北京时间的今天判断一个从居民自己的事件（如证书核发）起算的期限（如“12个月内申请补贴”）是否还在期内：期限来自通知的规定，事件日期由居民给出（到年、到月或到日）。只知道年份或月份时，若其中不同日子结论不同，会返回“取决于具体日期”及最后一天的范围。',
  'eligibility-check':
    '判断一个人是否符合某等级的培训（申报）条件。逐条核对通知列出的条件：符合时给出依据的条款；都不符合时列出条款；技工院校等需按国家规定由工作人员判断的情形返回 refer；信息不足时返回还需要了解的一两项（按重要性排序）。',
  'title-recognition': '查询取得证书后可认定或申报的职称（如助理工程师、工程师），以及由哪个部门认定。',
  'contacts-lookup':
    '查询政策咨询、报名或技术支持的联系电话、联系人、地址、邮箱。可按区（市）、地区、用途筛选；区名可用简称（滕州、台儿庄、高新、市直）。',
  'occupations-lookup': '查询培训职业及职业代码，可用简称查询（大数据、区块链、数字化管理等）。',
  'institutions-lookup': '查询培训机构或评价机构，可按地区、职业、机构类型筛选。',
  'refund-policy': '查询退款规定。若不同文件说法不一致，会同时返回两种规定及各自出处，回答时两种都要说明。',
  'rules-by-topic':
    '按主题查询通知中的其他规定（证书、继续教育学时、开班人数、考勤补课、考核、惠才卡/英才卡、申请材料、报名流程、申报数量等）。没有专门工具的问题用它。',
} as const;

/** The tool names, as the tools register themselves. */
export type ToolName = keyof typeof toolDescriptions;

/** Descriptions of input fields shared by several tools. */
export const fieldDescriptions = {
  region: '地区或地名，如 枣庄、滕州、威海、浙江、杭州、金华、辽宁、沈阳；不填表示所有地区',
  regionRequired: '地区或地名，如 枣庄、滕州、威海、浙江、杭州、金华、辽宁、沈阳',
  occupation: '职业名称或简称，如 数字化管理师、大数据、区块链、智能制造',
  level: '等级：初级、中级、高级（也可写 初、中、高）',
  on: '按哪一天判断（YYYY-MM-DD，北京时间），例如居民说“我4月25号报”；不填表示今天',
  subject: '截止事项：registration 学员报名，institution-application 机构申报，subsidy-application 补贴申领；不填表示全部',
  district: '区（市），如 滕州、市中区、薛城、峄城、台儿庄、山亭、高新区、市直',
  purpose: '用途，如 政策咨询、报名、技术支持',
  query: '职业名称、简称或代码的一部分',
  role: '机构类型：training 培训机构，evaluation 评价机构',
  topic: '规定的主题，如 certificate 证书、continuing-education 继续教育、class 开班、attendance 考勤、exam 考核、talent-card 人才卡、materials 材料、process 流程、quota 申报数量',
  profile: '申请人的情况；只填对方说过的内容，没说过的不要填',
  education: '最高学历',
  studying: '是否为在读的应届毕业生',
  degrees: '已取得的学位',
  titles: '已取得的职称，如 技术员、助理工程师、工程师',
  levelCertificates: '已取得的专业技术等级证书的等级',
  yearsInWork: '从事本职业技术工作的年数（可为小数，11个月写 0.92）',
  yearsSinceTitle: '取得该职称后从事本职业技术工作的年数',
  yearsSinceLevelCertificate: '取得专业技术等级证书后从事本职业技术工作的年数',
  relatedMajor: '所学专业是否与该职业相关',
  retired: '是否已退休',
} as const;
