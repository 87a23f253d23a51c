import { describe, expect, it } from 'vitest';
import { isLinkLocalOrMetadataAddress } from './link-local-address.js';

describe('isLinkLocalOrMetadataAddress', () => {
  it.each([
    '169.254.169.254',
    '169.254.0.0',
    '169.254.255.255',
    '100.100.100.200', // Alibaba Cloud metadata
    'fe80::1',
    '[fe80::1]',
    'FE80::A9FE:A9FE',
    'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', // the top of fe80::/10
    'fe80::1%eth0', // a zone does not change the address
    'fd00:ec2::254', // AWS metadata over IPv6
    'fd00:ec2:0:0:0:0:0:254',
    '::ffff:169.254.169.254', // IPv4-mapped
    '::ffff:a9fe:a9fe',
    '0:0:0:0:0:ffff:a9fe:a9fe',
    '::ffff:100.100.100.200',
    '::a9fe:a9fe', // IPv4-compatible
    '::169.254.169.254',
    '::ffff:0:a9fe:a9fe', // IPv4-translated
    '64:ff9b::a9fe:a9fe', // NAT64
    '64:ff9b::169.254.169.254',
    '64:ff9b:1::a9fe:a9fe', // local-use NAT64, /96 inside 64:ff9b:1::/48
    '64:ff9b:1:a9fe:a9:fe00::', // local-use NAT64 with a /48 prefix: bits 64-71 skipped
    '64:ff9b:1:a9:fe:a9fe::', // ... with a /56 prefix
    '64:ff9b:1:0:a9:fea9:fe00:0', // ... with a /64 prefix
    '2002:a9fe:a9fe::1', // 6to4
  ])('is true for %s', (address) => {
    expect(isLinkLocalOrMetadataAddress(address)).toBe(true);
  });

  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '192.168.1.1',
    '169.255.0.1',
    '100.100.100.201',
    '::1',
    '::',
    'fd00::1', // unique local: a private network, not link-local
    'fd00:ec2::253',
    'fec0::1',
    'fe8::1', // 0fe8::, not fe80::
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1', // NAT64 of 127.0.0.1
    '2001:db8::a9fe:a9fe',
    'api.example.com',
    '169.254.example.com',
    'fe80.example.com',
  ])('is false for %s', (address) => {
    expect(isLinkLocalOrMetadataAddress(address)).toBe(false);
  });

  it.each(['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '::1:2:3:4:5:6:7:8', '12345::1', '::ffff:169.254.169', '::ffff:169.254.169.256', 'fe80::g', ':fe80::1', ''])(
    'is false for the text %j, which is not an address',
    (text) => {
      expect(isLinkLocalOrMetadataAddress(text)).toBe(false);
    },
  );
});
