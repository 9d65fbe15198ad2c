/**
 * Every sentence the WeChat channel itself sends (the engine's answers come
 * from the engine). Fixed texts with no facts in them: fees, dates and
 * hotlines live only in the facts table.
 */

/** Questions residents can copy; they name topics, never amounts or dates. */
const EXAMPLE_QUESTIONS = [
  '数字技术工程师培育项目是什么？',
  '报名需要什么条件？',
  '中级培训怎么收费、有没有补贴？',
  '枣庄的报名什么时候截止？',
  '我要报名',
];

const examples = EXAMPLE_QUESTIONS.map((q) => `· ${q}`).join('\n');

export const wechatPrompts = {
  /** Sent when the engine failed or took too long on a message; the bot keeps running. */
  handlerFailed: '抱歉，刚才处理您的消息时出了点问题，没能给出答复。请稍后再发一次，或换个说法试试。',

  /** The one reply to an image, voice, file, sticker, link, video or mini-program. */
  nonText: `您好，我目前只能读懂文字消息，图片、语音、文件、表情、链接等暂时看不了。请直接打字提问，例如：\n${examples}`,

  /** A group message that @-mentions the bot with nothing after the mention. */
  emptyMention: `请在@我之后直接写下您的问题，例如：\n${examples}`,

  /** The single notice a user gets when sending faster than the per-minute limit. */
  rateLimited: '您的消息有点多，我需要一点时间处理。请稍等一分钟后再提问，谢谢理解！',

  /** Sent right after a friend request is accepted. */
  friendWelcome:
    '您好！我是数字技术工程师培育项目的咨询助手，可以按官方通知回答问题，也可以帮您登记报名培训。您可以这样问：\n' +
    `${examples}\n` +
    '在群里请先@我再提问；报名需要填写身份证号等个人信息，请在私聊中进行。',
} as const;
