// Gratuitous ARP with no exec when it matters. arping is a program to exec after the address is
// added, ~6 ms on this VM before its first packet, while clients keep sending to the old node's MAC
// (keepalived sends from its own running process, at once). This small Perl program is started
// ahead with the rest of a takeover's armed commands: it opens its packet socket and waits for one
// line on stdin; "go" sends, anything else (EOF: the agent went away) exits without a packet, so an
// orphan never announces an address this node does not hold. perl-base is Essential on Debian;
// without perl the driver falls back to arping.
// The packet is what iputils `arping -U` sends: an ARP request from (our MAC, IP) for IP, target
// hardware address broadcast, to the broadcast address, COUNT times a second apart. No modules
// (Socket.pm alone costs a load): Linux's constants and struct sockaddr_ll are written out.
// The interface and the address are arguments, never program text.
import type { DetachedSpec } from '../../platform/types.js';

export const garpProgram = [
  'my ($if, $ip, $count) = @ARGV;',
  'my @ip = $ip =~ /^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$/;',
  'die "roseha-garp: usage: IF IPV4 COUNT\\n" unless @ip && !grep({ $_ > 255 } @ip) && $if =~ m{^[^/\\s]{1,15}$} && $count =~ /^[1-9]$/;',
  // AF_PACKET 17, SOCK_DGRAM 2 (the kernel adds the Ethernet header), protocol 0: it receives
  // nothing while it waits (ETH_P_ARP would queue every ARP on the host); sendto names the protocol.
  'socket(my $s, 17, 2, 0) or die "roseha-garp: packet socket: $!\\n";',
  'my $go = <STDIN>;',
  'exit 0 unless defined $go && $go eq "go\\n";',
  'sub sys { open(my $f, "<", "/sys/class/net/$if/$_[0]") or die "roseha-garp: $if: $!\\n"; my $t = <$f>; chomp $t; $t }',
  'my $mac = pack("H12", join("", split(/:/, sys("address"))));',
  'my $addr = pack("C4", @ip);',
  // htype Ethernet, ptype IPv4, hlen 6, plen 4, op request; sender (MAC, IP); target (broadcast, IP).
  'my $arp = pack("n n C C n", 1, 0x0800, 6, 4, 1) . $mac . $addr . ("\\xff" x 6) . $addr;',
  // struct sockaddr_ll: family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8].
  'my $to = pack("S n i S C C a8", 17, 0x0806, sys("ifindex"), 1, 0, 6, "\\xff" x 6);',
  'for my $n (1 .. $count) { send($s, $arp, 0, $to) or die "roseha-garp: send on $if: $!\\n"; sleep 1 if $n < $count; }',
].join(' ');

/** Two announcements a second apart, as `arping -U -c 2`; told "go" on stdin (armed ahead, or at once). */
export function garpSpec(iface: string, ip: string): DetachedSpec {
  return { file: 'perl', args: ['-e', garpProgram, iface, ip, '2'], goOnStdin: true };
}
