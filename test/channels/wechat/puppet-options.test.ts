import { describe, expect, it } from 'vitest';
import { puppetSpecFrom, tokenServerName, wechatConfigured } from '../../../bot/channels/wechat/puppet-options.js';
import { wechatConfig } from './harness.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('puppetSpecFrom', () => {
  it('passes a hosted token alone, TLS on, so the puppet discovers the service by the token', () => {
    const spec = puppetSpecFrom(wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_abc' }));
    expect(spec).toEqual({
      ok: true,
      spec: { name: 'wechaty-puppet-service', options: { token: 'puppet_workpro_abc', tls: { disable: false } } },
    });
  });

  it('passes the endpoint, the discovery authority, the CA certificate and the server name explicitly', () => {
    const spec = puppetSpecFrom(
      wechatConfig({
        WECHATY_PUPPET_SERVICE_TOKEN: '3f1c2d4e-0000-4000-8000-000000000001',
        WECHATY_PUPPET_SERVICE_ENDPOINT: '10.0.0.5:8788',
        WECHATY_PUPPET_SERVICE_AUTHORITY: 'discovery.example.org',
        WECHATY_PUPPET_SERVICE_TLS_CA_CERT: PEM.replace(/\n/g, '\\n'),
        WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME: 'gateway.example.org',
      }),
    );
    expect(spec).toEqual({
      ok: true,
      spec: {
        name: 'wechaty-puppet-service',
        options: {
          token: '3f1c2d4e-0000-4000-8000-000000000001',
          endpoint: '10.0.0.5:8788',
          authority: 'discovery.example.org',
          tls: { disable: false, caCert: PEM, serverName: 'gateway.example.org' },
        },
      },
    });
  });

  it('reads the CA certificate from a file when the variable is a path', () => {
    const spec = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_x', WECHATY_PUPPET_SERVICE_TLS_CA_CERT: '/etc/dte/ca.pem' }),
      (p) => (p === '/etc/dte/ca.pem' ? PEM : ''),
    );
    expect(spec.ok && spec.spec.name === 'wechaty-puppet-service' && spec.spec.options.tls.caCert).toBe(PEM);
    const missing = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_x', WECHATY_PUPPET_SERVICE_TLS_CA_CERT: '/nope.pem' }),
      () => {
        throw new Error('ENOENT: no such file');
      },
    );
    expect(missing).toEqual({ ok: false, problem: { kind: 'ca-cert-unreadable', path: '/nope.pem', reason: 'ENOENT: no such file' } });
  });

  it('disables TLS only when the insecure-client flag is true', () => {
    const insecure = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_t', WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true' }),
    );
    expect(insecure.ok && insecure.spec.name === 'wechaty-puppet-service' && insecure.spec.options.tls).toEqual({ disable: true });
    const secure = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_t', WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'false' }),
    );
    expect(secure.ok && secure.spec.name === 'wechaty-puppet-service' && secure.spec.options.tls).toEqual({ disable: false });
  });

  it('refuses a bare UUID token (the puppet needs the insecure_ prefix) unless a server name is set', () => {
    const bare = '3f1c2d4e-0000-4000-8000-000000000001';
    expect(puppetSpecFrom(wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: bare }))).toEqual({
      ok: false,
      problem: { kind: 'token-needs-prefix', token: bare },
    });
    expect(puppetSpecFrom(wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: `insecure_${bare}` })).ok).toBe(true);
    expect(
      puppetSpecFrom(wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: bare, WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME: 'gw' })).ok,
    ).toBe(true);
  });

  it('refuses puppet-service without a token', () => {
    expect(puppetSpecFrom(wechatConfig({}))).toEqual({ ok: false, problem: { kind: 'token-missing' } });
  });

  it('creates the free web puppet wechat4u by name with no options and no token', () => {
    const spec = puppetSpecFrom(
      wechatConfig({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u', WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true' }),
    );
    expect(spec).toEqual({ ok: true, spec: { name: 'wechaty-puppet-wechat4u', options: {} } });
  });
});

describe('tokenServerName and wechatConfigured', () => {
  it('takes the server name from the part of the token before its last underscore', () => {
    expect(tokenServerName('insecure_3f1c')).toBe('insecure');
    expect(tokenServerName('puppet_workpro_abc')).toBe('puppet_workpro');
    expect(tokenServerName('3f1c2d4e-0000')).toBeUndefined();
  });

  it('starts WeChat with a puppet-service token, or with another puppet without one', () => {
    expect(wechatConfigured(wechatConfig({}))).toBe(false);
    expect(wechatConfigured(wechatConfig({ WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_x' }))).toBe(true);
    expect(wechatConfigured(wechatConfig({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u' }))).toBe(true);
  });
});
