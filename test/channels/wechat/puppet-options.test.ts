import { describe, expect, it } from 'vitest';
import { puppetSpecFrom } from '../../../bot/channels/wechat/puppet-options.js';
import { wechatConfig } from './harness.js';

describe('puppetSpecFrom', () => {
  it('creates wechaty-puppet-service by default with the token and endpoint', () => {
    const spec = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_abc', WECHATY_PUPPET_SERVICE_ENDPOINT: '10.0.0.5:8788' }),
    );
    expect(spec).toEqual({
      name: 'wechaty-puppet-service',
      options: { token: 'puppet_workpro_abc', endpoint: '10.0.0.5:8788' },
    });
  });

  it('disables TLS only when the insecure-client flag is true', () => {
    const insecure = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 't', WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true' }),
    );
    expect(insecure.options.tls).toEqual({ disable: true });
    const secure = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 't', WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'false' }),
    );
    expect(secure.options.tls).toBeUndefined();
  });

  it('uses another puppet by name without service TLS options', () => {
    const spec = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u', WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true' }),
    );
    expect(spec).toEqual({ name: 'wechaty-puppet-wechat4u', options: {} });
  });
});
