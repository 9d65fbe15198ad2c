/**
 * The WeChat login QR code drawn on this machine. The login code is a
 * credential of the bot account: it must not be sent to a third-party
 * renderer (wechaty.js.org/qrcode/…), and the 状态 page must work on an
 * intranet, so the page shows an <img> with a data: URL built here.
 */
import type { WechatStatusLike } from './console-app.js';

/** Prefix of Wechaty's qrcodeValueToImageUrl (the WeChat channel still reports that URL). */
const WECHATY_QR_PREFIX = 'https://wechaty.js.org/qrcode/';

/**
 * The QR code's value: `qrcode` when the channel reports it, else recovered
 * from the wechaty.js.org URL (its path is the encoded value), else undefined.
 */
export function loginQrValue(w: Pick<WechatStatusLike, 'qrcode' | 'qrcodeUrl'>): string | undefined {
  if (w.qrcode) return w.qrcode;
  if (!w.qrcodeUrl?.startsWith(WECHATY_QR_PREFIX)) return undefined;
  try {
    const value = decodeURIComponent(w.qrcodeUrl.slice(WECHATY_QR_PREFIX.length));
    return value || undefined;
  } catch {
    return undefined;
  }
}

interface QrcodeModule {
  toString(value: string, options: { type: 'svg'; margin: number; errorCorrectionLevel: 'M' }): Promise<string>;
}

/**
 * The QR code as a `data:image/svg+xml` URL, or undefined when the `qrcode`
 * package cannot be loaded (it comes with wechaty through file-box, not as a
 * direct dependency) or the value does not fit a QR code.
 */
export async function loginQrDataUrl(value: string): Promise<string | undefined> {
  const name: string = 'qrcode';
  try {
    const mod = (await import(name)) as { default?: QrcodeModule } & QrcodeModule;
    const qr = mod.default ?? mod;
    const svg = await qr.toString(value, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  } catch {
    return undefined;
  }
}
