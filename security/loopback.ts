/**
 * Whether a host is this machine, decided by its address and never by its
 * spelling: `127.attacker.example` starts like a loopback address and is not
 * one. Literal IPs are checked against 127.0.0.0/8 and ::1 (IPv4-mapped forms
 * included); names are resolved, and count only when every address they
 * resolve to is loopback. A name that does not resolve is not loopback.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopbackIp(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** `host` as in an address (`[::1]` brackets allowed), resolved when it is a name. */
export async function isLoopbackHost(host: string): Promise<boolean> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return isLoopbackIp(bare);
  if (!bare) return false;
  try {
    const addresses = await lookup(bare, { all: true, verbatim: true });
    return addresses.length > 0 && addresses.every(({ address }) => isLoopbackIp(address));
  } catch {
    return false;
  }
}
