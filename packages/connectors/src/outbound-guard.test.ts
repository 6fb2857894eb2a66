import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  type AddressResolver,
  assertPublicAddress,
  guardedLookup,
  isPrivateAddress,
  OutboundRefusal,
} from './outbound-guard.ts';

const answers =
  (...addresses: string[]): AddressResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '::1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '0.0.0.0',
    '0.1.2.3',
    '169.254.169.254',
    'fe80::1',
    'fe80::1%eth0',
    '100.64.0.1',
    '100.127.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::FFFF:7F00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    '[::1]',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
  ])('allows the public address %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('assertPublicAddress', () => {
  it.each([
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
    'http://[64:ff9b::7f00:1]/',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://[::1]:3000/',
    // WHATWG URL turns decimal, hex and octal forms into 127.0.0.1.
    'http://2130706433/',
    'http://0x7f.1/',
    'http://017700000001/',
    'http://127.1/',
  ])('refuses %s', async (url) => {
    await expect(assertPublicAddress(url, false)).rejects.toBeInstanceOf(OutboundRefusal);
  });

  it('refuses a host name that resolves to loopback', async () => {
    await expect(assertPublicAddress('http://localhost:3000/', false)).rejects.toThrow(
      'localhost is a private address',
    );
    await expect(
      assertPublicAddress('https://orders.example/', false, answers('93.184.216.34', '127.0.0.1')),
    ).rejects.toThrow('orders.example is a private address');
  });

  it('allows a public host, and private ones when the deployment allows them', async () => {
    await expect(
      assertPublicAddress('https://orders.example/x', false, answers('93.184.216.34')),
    ).resolves.toBeUndefined();
    await expect(assertPublicAddress('http://127.0.0.1:3000/', true)).resolves.toBeUndefined();
  });

  it('refuses other schemes even when private networks are allowed', async () => {
    await expect(assertPublicAddress('file:///etc/passwd', true)).rejects.toThrow('only http and https');
    await expect(assertPublicAddress('not a url', true)).rejects.toThrow('not a valid URL');
  });
});

describe('guardedLookup', () => {
  const run = (resolve: AddressResolver, all: boolean, allowPrivateNetworks = false) =>
    new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>((done) => {
      guardedLookup({ allowPrivateNetworks, resolve })('orders.example', { all }, (error, address, family) =>
        done({ error, address, ...(family === undefined ? {} : { family }) }),
      );
    });

  it('hands a public answer to the socket, in both callback forms', async () => {
    expect(await run(answers('93.184.216.34'), false)).toEqual({
      error: null,
      address: '93.184.216.34',
      family: 4,
    });
    expect((await run(answers('93.184.216.34', '2606:4700::1'), true)).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700::1', family: 6 },
    ]);
  });

  it('refuses a name whose answer is private at connect time (DNS rebinding)', async () => {
    const { error } = await run(answers('::ffff:7f00:1'), true);
    expect(error).toBeInstanceOf(OutboundRefusal);
    expect(error?.message).toBe('orders.example is a private address');
  });

  it('passes private answers when the deployment allows them', async () => {
    expect((await run(answers('127.0.0.1'), false, true)).address).toBe('127.0.0.1');
  });
});
