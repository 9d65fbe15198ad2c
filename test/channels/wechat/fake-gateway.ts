/**
 * A local puppet-service gateway for the README recipes: wechaty-puppet-service's
 * own PuppetServer (the gRPC server the `wechaty/wechaty` gateway image runs)
 * in front of a PuppetMock, on 127.0.0.1, with TLS off or on with the test
 * CA's certificate (fixtures/tls: a CA and a server certificate for
 * gateway.dte.test, puppet_test and 127.0.0.1, valid for 100 years; the CA's
 * key was discarded). The channel under test runs the real puppet-service
 * client against it, created by name from config exactly as `npm start` does.
 * Also a tiny HTTPS service-discovery endpoint for the hosted-token recipe.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, globalAgent, type Server } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { PuppetServer } from 'wechaty-puppet-service';
import { PuppetMock, mock } from 'wechaty-puppet-mock';

const fixture = (name: string) => new URL(`./fixtures/tls/${name}`, import.meta.url);
export const TEST_CA_PATH = fixture('ca.pem').pathname;
export const TEST_CA = readFileSync(fixture('ca.pem'), 'utf8');
const SERVER_CERT = readFileSync(fixture('server.pem'), 'utf8');
const SERVER_KEY = readFileSync(fixture('server.key'), 'utf8');

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createTcpServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface FakeGateway {
  endpoint: string;
  port: number;
  mocker: mock.Mocker;
  puppet: PuppetMock;
  stop(): Promise<void>;
}

/** Start a gateway that accepts exactly `token`. */
export async function startFakeGateway(options: { token: string; tls: boolean }): Promise<FakeGateway> {
  const port = await freePort();
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const server = new PuppetServer({
    endpoint: `127.0.0.1:${port}`,
    puppet,
    token: options.token,
    tls: options.tls ? { serverCert: SERVER_CERT, serverKey: SERVER_KEY } : { disable: true },
  } as ConstructorParameters<typeof PuppetServer>[0]);
  await server.start();
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    mocker,
    puppet,
    async stop() {
      await server.stop();
    },
  };
}

/**
 * Wechaty's service discovery as a provider runs it: GET
 * https://<authority>/v0/hosties/<token> answers the gateway's host and port.
 * The discovery request trusts the test CA for the duration (Node's global
 * HTTPS agent); `stop()` restores it.
 */
export async function startFakeDiscovery(routes: Record<string, { host: string; port: number }>): Promise<{ authority: string; stop(): Promise<void> }> {
  const server: Server = createHttpsServer({ cert: SERVER_CERT, key: SERVER_KEY }, (req, res) => {
    const token = decodeURIComponent((req.url ?? '').replace(/^\/v0\/hosties\//, ''));
    const target = routes[token];
    if (!target) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(target));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const previous = globalAgent.options.ca;
  globalAgent.options.ca = TEST_CA;
  return {
    authority: `127.0.0.1:${port}`,
    async stop() {
      globalAgent.options.ca = previous;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
