#!/usr/bin/perl
# The lab's service, as tcp-server.mjs, in Perl: perl-base is on every Debian system and this
# starts in ~10 ms (python3 -S ~35 ms, Node ~120 ms), so that a failover's measured outage is
# roseha's and not the demo service's start-up. No modules at all: loading Socket.pm alone costs
# ~10 ms, so the Linux constants and the sockaddr_in layout are written out (the lab is Linux-only).
# Answers every connection with its node name and a newline, then closes.
# Usage: tcp-server.pl --name node-a [--host 0.0.0.0] [--port 8080]
# SIGTERM and SIGINT keep their default action (exit at once): the client connects every few ms,
# and waiting would stretch the stop.
my ($AF_INET, $SOCK_STREAM, $SOL_SOCKET, $SO_REUSEADDR) = (2, 1, 1, 2);

my %opt = (name => 'unknown', host => '0.0.0.0', port => 8080);
while (@ARGV >= 2 && $ARGV[0] =~ /^--(name|host|port)$/) {
  shift @ARGV;
  $opt{$1} = shift @ARGV;
}
my $name = $opt{name};
sub fail { print STDERR "tcp-server $name: $_[0]\n"; exit 1 }

my @octets = $opt{host} =~ /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/ or fail("not an IPv4 address: $opt{host}");
grep({ $_ > 255 } @octets) and fail("not an IPv4 address: $opt{host}");
$opt{port} =~ /^\d+$/ && $opt{port} < 65536 or fail("bad port $opt{port}");
socket(my $server, $AF_INET, $SOCK_STREAM, 0) or fail("socket: $!");
setsockopt($server, $SOL_SOCKET, $SO_REUSEADDR, 1) or fail("setsockopt: $!");
# struct sockaddr_in: family (host order), port (network order), address, 8 bytes of zero.
bind($server, pack('S n C4 x8', $AF_INET, $opt{port}, @octets)) or fail("bind $opt{host}:$opt{port}: $!");
listen($server, 1024) or fail("listen: $!");
$| = 1;
print "tcp-server $name listening on $opt{host}:$opt{port}\n";
my $answer = "$name\n";
while (1) {
  accept(my $conn, $server) or next;
  syswrite($conn, $answer);
  close($conn);
}
