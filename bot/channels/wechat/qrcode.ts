/**
 * The login QR code as something a person can open: a URL that renders it,
 * and, when a terminal renderer is installed, the code drawn in text.
 */
import { qrcodeValueToImageUrl } from 'wechaty';

/** https://wechaty.js.org/qrcode/<encoded value>: opens the QR image in a browser. */
export function qrcodeUrl(value: string): string {
  return qrcodeValueToImageUrl(value);
}

/**
 * The QR code drawn with block characters, or undefined when no renderer is
 * available. `qrcode-terminal` is preferred; `qrcode` (present as a file-box
 * dependency) is the fallback. Both are optional: a missing one is not an error.
 */
export async function renderQrcodeForTerminal(value: string): Promise<string | undefined> {
  const terminalModule: string = 'qrcode-terminal';
  try {
    const mod = (await import(terminalModule)) as { default?: QrcodeTerminal } & QrcodeTerminal;
    const qt = mod.default ?? mod;
    if (typeof qt.generate === 'function') {
      return await new Promise<string>((resolve) => qt.generate(value, { small: true }, (text) => resolve(text)));
    }
  } catch {
    // not installed: try the next renderer
  }
  const qrcodeModule: string = 'qrcode';
  try {
    const mod = (await import(qrcodeModule)) as { default?: Qrcode } & Qrcode;
    const qr = mod.default ?? mod;
    if (typeof qr.toString === 'function') return await qr.toString(value, { type: 'terminal', small: true });
  } catch {
    // not installed: the URL alone has to do
  }
  return undefined;
}

interface QrcodeTerminal {
  generate(value: string, options: { small: boolean }, callback: (text: string) => void): void;
}
interface Qrcode {
  toString(value: string, options: { type: 'terminal'; small: boolean }): Promise<string>;
}
