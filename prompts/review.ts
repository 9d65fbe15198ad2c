/**
 * What a resident is told in WeChat when staff decide on their registration
 * (bot/store/review-store.ts writes it to the outbox; the WeChat channel
 * sends it through its paced queue). No fact (fee, date, phone) is written
 * here: the resident is pointed to 查询我的报名 and the district office.
 */
export const REVIEW_NOTICE = {
  approved: (reference: string, level: string) =>
    `您的${level}报名（编号${reference}）已通过工作人员审核。后续培训安排会另行通知。发送“查询我的报名”可随时查看状态。`,
  returned: (reference: string, level: string, reason: string) =>
    `您的${level}报名（编号${reference}）被工作人员退回，原因：${reason}。请发送“修改我的报名”更正后重新提交，修改后会重新审核。`,
  duplicate: (reference: string, level: string) =>
    `您的${level}报名（编号${reference}）与他人已提交的报名身份证号相同，工作人员暂不受理。如有疑问，请联系单位所在区（市）人社部门。`,
} as const;
