#!/usr/bin/python3 -S
# The lab's service, as tcp-server.mjs, in Python: it starts in ~30 ms where Node takes ~120 ms,
# so that a failover's measured outage is roseha's and not the demo service's start-up.
# Answers every connection with its node name and a newline, then closes.
# Usage: tcp-server.py --name node-a [--host 0.0.0.0] [--port 8080]
import signal
import socket
import sys

args = sys.argv[1:]


def opt(name, fallback):
    flag = '--' + name
    return args[args.index(flag) + 1] if flag in args and args.index(flag) + 1 < len(args) else fallback


name = opt('name', 'unknown')
host = opt('host', '0.0.0.0')
port = int(opt('port', '8080'))
answer = (name + '\n').encode()

# Leave at once on a stop: the client connects every few ms, and waiting would stretch the stop.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
signal.signal(signal.SIGINT, lambda *_: sys.exit(0))

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    server.bind((host, port))
except OSError as err:
    sys.stderr.write('tcp-server %s: %s\n' % (name, err))
    sys.exit(1)
server.listen(1024)
sys.stdout.write('tcp-server %s listening on %s:%d\n' % (name, host, port))
sys.stdout.flush()
while True:
    conn, _ = server.accept()
    try:
        conn.sendall(answer)
    except OSError:
        pass
    finally:
        conn.close()
