import { describe, expect, it } from 'vitest';
import { allowedRequest } from '../../src/preview/host-guard.js';

const loopback = { host: '127.0.0.1', port: 4321, localAddress: '127.0.0.1' };

describe('allowedRequest (DNS rebinding)', () => {
  it('accepts the bound address and localhost on the bound port', () => {
    expect(allowedRequest({ host: '127.0.0.1:4321' }, loopback)).toBe(true);
    expect(allowedRequest({ host: 'localhost:4321' }, loopback)).toBe(true);
    expect(allowedRequest({ host: 'LOCALHOST:4321', origin: 'http://localhost:4321' }, loopback)).toBe(true);
  });

  it('refuses any other name, another port, no Host, and a malformed one', () => {
    for (const host of ['attacker.example:4321', '127.0.0.1.nip.io:4321', 'localhost.attacker.example:4321', '127.0.0.1:80', '127.0.0.1', '[::1]:4321', '127.0.0.1:4321@evil', '', undefined]) {
      expect(allowedRequest({ host }, loopback), String(host)).toBe(false);
    }
  });

  it('refuses a request sent by a page of another origin, even with the right Host', () => {
    expect(allowedRequest({ host: '127.0.0.1:4321', origin: 'http://attacker.example' }, loopback)).toBe(false);
    expect(allowedRequest({ host: '127.0.0.1:4321', origin: 'http://127.0.0.1:9999' }, loopback)).toBe(false);
    expect(allowedRequest({ host: '127.0.0.1:4321', origin: 'null' }, loopback)).toBe(false);
  });

  it('refuses what another site embeds or fetches (Sec-Fetch-Site), but lets the reader follow a link to the page', () => {
    expect(allowedRequest({ host: '127.0.0.1:4321', fetchSite: 'cross-site', fetchMode: 'no-cors' }, loopback)).toBe(false);
    expect(allowedRequest({ host: '127.0.0.1:4321', fetchSite: 'same-site', fetchMode: 'cors' }, loopback)).toBe(false);
    expect(allowedRequest({ host: '127.0.0.1:4321', fetchSite: 'same-origin', fetchMode: 'cors' }, loopback)).toBe(true);
    expect(allowedRequest({ host: '127.0.0.1:4321', fetchSite: 'none', fetchMode: 'navigate' }, loopback)).toBe(true);
    expect(allowedRequest({ host: '127.0.0.1:4321', fetchSite: 'cross-site', fetchMode: 'navigate', fetchDest: 'document' }, loopback)).toBe(true);
    expect(allowedRequest({ host: '127.0.0.1:4321', fetchSite: 'cross-site', fetchMode: 'navigate', fetchDest: 'iframe' }, loopback)).toBe(false);
  });

  it('with --host: the name given, or the IP literal the connection came in on; still no other name', () => {
    const lan = { host: '0.0.0.0', port: 8080, localAddress: '192.0.2.7' };
    expect(allowedRequest({ host: '192.0.2.7:8080' }, lan)).toBe(true);
    expect(allowedRequest({ host: 'office-pc.example:8080' }, lan)).toBe(false);
    const named = { host: 'office-pc.example', port: 8080, localAddress: '192.0.2.7' };
    expect(allowedRequest({ host: 'office-pc.example:8080' }, named)).toBe(true);
    expect(allowedRequest({ host: 'localhost:8080' }, named)).toBe(false);
  });
});
