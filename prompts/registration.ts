/**
 * Every sentence the registration form says to a resident, and the Chinese
 * words it recognises in their answers. Numbers, dates, phone numbers, office
 * names and field labels are never written here: they arrive as arguments,
 * taken from the facts table by bot/registration/.
 */

/** Validation messages: each says exactly what is wrong with one field. */
export const INVALID = {
  idEmpty: '身份证号没有填写。',
  idOld15: '这是15位的旧身份证号，请提供现在使用的18位身份证号。',
  idLength: (n: number) => `身份证号应为18位，您发来的是${n}位。`,
  idChars: '身份证号只能由数字组成，最后一位可以是X。',
  idRegion: '身份证号前两位的地区码不对，请核对。',
  idBirthDate: '身份证号里的出生日期不存在，请核对第7到14位。',
  idChecksum: '身份证号校验位不对（最后一位），请逐位核对后再发一次。',
  idAgeFuture: '身份证号里的出生日期晚于今天，请核对。',
  idAgeRange: (age: number, min: number, max: number) =>
    `按身份证号计算您今年${age}岁，不在常见的${min}到${max}岁范围内，可能是号码输错了，请核对身份证号；如号码无误，请直接联系所在区（市）人社部门报名。`,
  gender: '性别请回复“男”或“女”。',
  phoneChars: '手机号只能包含数字，请重新发送。',
  phoneLength: (n: number) => `手机号应为11位，您发来的是${n}位。`,
  phonePrefix: '手机号应以13到19开头，请核对是否是手机号码（不要填座机）。',
  district: (options: readonly string[]) => `没有找到这个区（市），请从以下选择一个：${options.join('、')}。`,
  level: (options: readonly string[]) => `培训等级请从以下选择：${options.join('、')}。`,
  nameEmpty: '姓名没有填写。',
  nameDigits: '姓名里不能有数字。',
  nameLength: '姓名应为2到20个字。',
  nameChars: '姓名只能包含汉字、字母或间隔号“·”。',
  nameNotAWord: '请告诉我您的真实姓名（与身份证一致）。',
  textEmpty: (label: string) => `${label}没有填写。`,
  textShort: (label: string) => `${label}太短了，请写完整。`,
  textLong: (label: string, max: number) => `${label}太长了，请控制在${max}个字以内。`,
} as const;

/** What the resident is asked for each field; `label` is the form's own label. */
export const ASK = {
  name: (label: string) => `请告诉我您的${label}。`,
  gender: (label: string) => `您的${label}是？（男/女）`,
  idNumber: (label: string) => `请发送您的18位${label}。`,
  education: (label: string) => `您的${label}是？（例如：本科 计算机科学与技术）`,
  title: (label: string) => `您的${label}是？（例如：助理工程师；没有请回复“无”）`,
  employer: (label: string) => `您的${label}全称是？`,
  district: (label: string, options: readonly string[]) => `您的${label}是？可选：${options.join('、')}。`,
  phone: (label: string) => `请发送您的${label}（11位）。`,
  level: (label: string, options: readonly string[]) => `您想报名的${label}是？可选：${options.join('、')}。`,
} as const;

export const FORM = {
  /** One line: what is collected, why, who receives it; then how to answer. */
  consent: (labels: readonly string[], institution: string | undefined) =>
    `报名需要登记您的${labels.join('、')}，仅用于本次培训报名，将提交给您单位所在区（市）人社部门` +
    (institution ? `和培训机构${institution}` : '和培训机构') +
    '。同意请回复“同意”，不同意请回复“不同意”。',
  offer: '也可以直接在这里登记报名：回复“好的”我就开始，一项一项问您。',
  keptBeforeConsent: (labels: readonly string[]) => `已先记下您给的${labels.join('、')}，同意后不会再问这几项。`,
  consentAgain: '请回复“同意”开始登记，或回复“不同意”结束。',
  consentRefused: '好的，不登记任何信息。如需报名，随时发“我要报名”。',
  closed: (label: string, closes: string) =>
    `${label}已于${closes}截止，目前无法正式报名。可以先为您做“意向登记”，下一期开放时作参考（这不是正式报名）。`,
  notOpen: (label: string, opens: string) =>
    `${label}从${opens}开始，目前还不能正式报名。可以先为您做“意向登记”（这不是正式报名）。`,
  groupRefusal: '为保护个人信息，报名不在群里进行。请直接私聊我，发送“我要报名”。',
  unavailable: '抱歉，报名表的信息暂时无法读取，请稍后再试，或直接联系所在区（市）人社部门报名。',
  unavailableContact: (office: string, phone: string) =>
    `抱歉，报名表的信息暂时无法读取，请稍后再试，或直接联系${office}（${phone}）报名。`,
  gotIt: '好的，已记下。',
  notAnAnswer: '好的，不着急，这条我没有当作填写内容。',
  changed: (label: string, value: string) => `${label}已改为：${value}。`,
  genderConflict: (label: string, given: string, fromId: string) =>
    `您填的${label}是“${given}”，但身份证号显示为“${fromId}”。哪个是对的？回复“男”或“女”，身份证号填错了也可以直接发正确的。`,
  genderConflictAgain: '请回复“男”或“女”，或发送正确的身份证号。',
  idWrongThen: '那可能是身份证号填错了，请重新发送正确的18位身份证号。',
  updating: (level: string, reference: string) =>
    `您已用这个身份证号报名过${level}（编号${reference}），这次提交会更新原来的登记，不会重复报名。`,
  draftTitle: '您目前填写的信息：',
  draftEmpty: '您还没有填写任何信息。',
  notFilled: '（未填）',
  none: '无',
  summaryTitle: (interest: boolean) => (interest ? '请核对您的意向登记信息：' : '请核对您的报名信息：'),
  summaryStatus: (interest: boolean) => (interest ? '登记类型：意向登记（不是正式报名）' : '登记类型：正式报名'),
  confirmAsk: '信息无误请回复“确认”提交；要修改请直接说，例如“把单位改成某某公司”。',
  confirmAgain: '请回复“确认”提交，或告诉我要修改哪一项。',
  closedBeforeSubmit: (label: string, closes: string) =>
    `${label}已于${closes}截止，这次将改为“意向登记”（不是正式报名）。`,
  cancelAsk: '确定不报了吗？回复“是”放弃本次填写（已填的信息不会保存），回复“否”继续。',
  cancelAgain: '请回复“是”放弃，或“否”继续填写。',
  cancelled: '好的，已放弃本次填写，没有保存任何信息。需要时再发“我要报名”。',
  resumed: '好的，我们继续。',
  deleted: '已删除您在本系统中的报名信息和对话记录。需要时可以重新报名。',
  submitted: (reference: string) => `报名已提交，报名编号：${reference}。`,
  interestSaved: (reference: string) => `意向登记已记录，编号：${reference}。这不是正式报名。`,
  updated: (reference: string) => `已更新您原来的登记，编号仍为：${reference}。`,
  receiver: (office: string, phone: string | undefined) =>
    phone ? `接收单位：${office}，电话${phone}。` : `接收单位：${office}。`,
  interestReceiver: (office: string, phone: string | undefined) =>
    phone ? `下一期报名的安排请留意通知，或咨询${office}（${phone}）。` : `下一期报名的安排请留意通知，或咨询${office}。`,
  nextSteps: '接下来：工作人员会审核您的报名信息。',
  classSize: (statement: string) => `开班：${statement}`,
  fee: (level: string, amount: number, mode: string | undefined) =>
    `${level}培训费${amount}元${mode ? `（${mode}）` : ''}，由工作人员在培训开始前统一安排缴费。`,
  subsidy: (beneficiaries: string, level: string, amount: number) => `${beneficiaries}${level}可享受${amount}元培训补贴。`,
  changeLater: '如需修改或删除信息，随时告诉我（例如“删除我的信息”）。',
} as const;

/** What the resident is told about their own stored registrations: asking, changing, deleting. */
export const ACCOUNT = {
  deleteAsk: (registrations: readonly string[]) =>
    (registrations.length > 0
      ? `将删除您用这个微信提交的${registrations.length}条登记（${registrations.join('、')}）和对话记录，删除后无法恢复。`
      : '您用这个微信没有已提交的报名；将删除您的对话记录（含填写到一半的信息）。') +
    '确认删除请回复“确认删除”；回复其他任何内容都不会删除。',
  deleteKept: '好的，没有删除任何信息。',
  nothingToConfirm: '没有等待确认的删除，什么也没有删除。要删除您的信息，请先发送“删除我的信息”。',
  deleteHowTo:
    '需要删除时，请直接发送“删除我的信息”。我会先列出将删除的内容，您再回复“确认删除”才会删除，不会误删。删除后仍可以重新报名。',
  mineNone: '没有查到您用这个微信提交的报名。需要报名请发送“我要报名”。',
  mineTitle: (n: number) => `您用这个微信提交的登记共${n}条：`,
  mineItem: (fields: { reference: string; level: string; status: string; name: string; idNumber: string; phone: string; district: string; time: string }) =>
    `编号${fields.reference}：${fields.level}，${fields.status}；${fields.name}，身份证${fields.idNumber}，手机${fields.phone}，${fields.district}；提交于${fields.time}（北京时间）`,
  status: {
    submitted: '已报名，等待工作人员审核',
    interest: '意向登记（不是正式报名）',
    review: '已报名，工作人员正在核实',
    approved: '已通过工作人员审核',
    returned: (reason: string) => `被工作人员退回（原因：${reason}），请发送“修改我的报名”更正后重新提交`,
    duplicate: '与他人已提交的报名身份证号相同，暂不受理，请联系单位所在区（市）人社部门',
  },
  mineFooter: '要修改请发送“修改我的报名”，要删除请发送“删除我的信息”。',
  changeStart: (reference: string) => `好的，我们来修改编号${reference}的登记。下面是目前的信息：`,
  changeWhich: (references: readonly string[]) => `您有${references.length}条登记（${references.join('、')}），要修改哪一条？请说“修改中级”或“修改初级”。`,
} as const;

export const ELIGIBILITY = {
  eligible: (level: string, clause: string) => `按通知的培训对象条件“${clause}”，您符合${level}报名条件。`,
  notEligible: (level: string, clauses: readonly string[], office: string, phone: string | undefined) =>
    `按通知的培训对象条件，您目前看起来不符合${level}报名条件。通知要求具备以下条件之一：\n${clauses.join('\n')}\n` +
    `最终以工作人员审核为准，可咨询${office}${phone ? `（${phone}）` : ''}。`,
  notEligibleExcluded: (level: string, rule: string, office: string, phone: string | undefined) =>
    `按通知规定（${rule}），您目前看起来不符合${level}报名条件。最终以工作人员审核为准，可咨询${office}${phone ? `（${phone}）` : ''}。`,
  chooseContinue: '仍然提交由工作人员审核，请回复“继续”；不报了请回复“不报了”。',
  chooseAgain: '请回复“继续”（提交给工作人员审核）或“不报了”。',
  refer: (office: string, phone: string | undefined) =>
    `您的情况需要按国家有关规定由工作人员判断，报名后会由${office}${phone ? `（${phone}）` : ''}审核。`,
  undecided: '您的报名条件需要工作人员审核确认。',
  questions: {
    yearsInWork: '您从事本职业技术工作几年了？（例如：3年，没有请回复“0”）',
    yearsSinceTitle: '取得现有职称后，您从事本职业技术工作几年了？',
    yearsSinceLevelCertificate: '取得专业技术等级证书后，您从事本职业技术工作几年了？',
    levelCertificates: '您是否取得了专业技术等级证书？有的话是哪一级？（例如：初级；没有请回复“没有”）',
    studying: '您是在读的应届毕业生吗？（是/否）',
    relatedMajor: '您所学的专业和数字化管理相关吗？（是/否）',
    retired: '您是否已经退休？（是/否）',
    degrees: '您取得了什么学位？（例如：学士、硕士；没有请回复“没有”）',
    education: '您的最高学历是？（例如：专科、本科、硕士）',
    titles: '您有什么职称？（没有请回复“没有”）',
  },
  answerAgain: '没看懂您的回答，请再说一次。',
} as const;

/** 2026-04-20 -> 2026年4月20日 (how the notices write dates). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Column headers of the staff export: the 报名表's own headers, then the bookkeeping columns. */
export const EXPORT_HEADERS = {
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号',
  education: '学历及所学专业',
  title: '职称',
  employer: '所在单位',
  district: '单位所在区（市）',
  phone: '手机号',
  level: '培训等级',
  status: '状态',
  reference: '报名编号',
  createdAt: '提交时间',
  updatedAt: '更新时间',
} as const;

/** How a registration's status reads in the export. */
export const EXPORT_STATUS = { submitted: '已报名', interest: '意向登记' } as const;

/** Sheet name of the xlsx export. */
export const EXPORT_SHEET = '报名表';
