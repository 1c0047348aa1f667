#!/usr/bin/env python3
"""Regenerates the command table resources from a running redis-server.

The command table is data, as in Redis's src/commands/*.json: this script asks a
stock Redis for COMMAND and COMMAND DOCS and writes
  commands.tsv        one line per command and subcommand (name, arity, flags,
                      first/last/step, group, key specs with their not_key and
                      incomplete flags) parsed by CommandTable;
  command-info.respN  the raw RESP reply elements of COMMAND INFO per command;
  command-docs.respN  the raw RESP reply pairs of COMMAND DOCS per command,
for N = 2 and 3, so a node answers COMMAND exactly as Redis does.

Usage: gen-command-table.py [port]   (default 6379), run from the repo root.
"""
import socket, sys

OUT = "protocol/src/main/resources/io/cachefleet/protocol/"


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self.buf = b""

    def send(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a.encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.s.sendall(out)

    def _fill(self, n):
        while len(self.buf) < n:
            chunk = self.s.recv(1 << 20)
            if not chunk:
                raise EOFError
            self.buf += chunk

    def _line(self, pos):
        while True:
            i = self.buf.find(b"\r\n", pos)
            if i >= 0:
                return i
            self._fill(len(self.buf) + 1)

    def read(self, pos=0):
        """Returns (value, end) of the RESP element at pos; value keeps raw spans."""
        end = self._line(pos)
        t = self.buf[pos:pos + 1]
        head = self.buf[pos + 1:end]
        nxt = end + 2
        if t in (b"+", b"-", b":", b",", b"_", b"#", b"("):
            return head.decode(), nxt
        if t in (b"$", b"=", b"!"):
            n = int(head)
            if n < 0:
                return None, nxt
            self._fill(nxt + n + 2)
            return self.buf[nxt:nxt + n].decode(), nxt + n + 2
        if t in (b"*", b"~", b">", b"%", b"|"):
            n = int(head)
            if n < 0:
                return None, nxt
            count = n * 2 if t in (b"%", b"|") else n
            items = []
            for _ in range(count):
                start = nxt
                v, nxt = self.read(nxt)
                items.append((v, self.buf[start:nxt]))
            return items, nxt
        raise ValueError("bad type %r" % t)

    def call(self, *args):
        self.send(*args)
        v, end = self.read(0)
        self.buf = self.buf[end:]
        return v


def spec_text(raw_specs):
    parts = []
    for spec, _ in raw_specs:
        kv = {spec[i][0]: spec[i + 1][0] for i in range(0, len(spec), 2)}
        b = {kv["begin_search"][i][0]: kv["begin_search"][i + 1][0] for i in range(0, len(kv["begin_search"]), 2)}
        f = {kv["find_keys"][i][0]: kv["find_keys"][i + 1][0] for i in range(0, len(kv["find_keys"]), 2)}
        bspec = {b["spec"][i][0]: b["spec"][i + 1][0] for i in range(0, len(b["spec"] or []), 2)} if b["spec"] else {}
        fspec = {f["spec"][i][0]: f["spec"][i + 1][0] for i in range(0, len(f["spec"] or []), 2)} if f["spec"] else {}
        if b["type"] == "index":
            begin = "index:%s" % bspec["index"]
        elif b["type"] == "keyword":
            begin = "keyword:%s:%s" % (bspec["keyword"], bspec["startfrom"])
        else:
            begin = "unknown"
        if f["type"] == "range":
            find = "range:%s:%s:%s" % (fspec["lastkey"], fspec["keystep"], fspec["limit"])
        elif f["type"] == "keynum":
            find = "keynum:%s:%s:%s" % (fspec["keynumidx"], fspec["firstkey"], fspec["keystep"])
        else:
            find = "unknown"
        marks = [m for m in ("not_key", "incomplete") if m in [v.lower() for v, _ in kv.get("flags") or []]]
        parts.append(begin + "/" + find + ("/" + ",".join(marks) if marks else ""))
    return ";".join(parts) or "-"


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 6379
    c = Conn(port)
    c.call("HELLO", "2")
    info2 = c.call("COMMAND")
    docs2 = c.call("COMMAND", "DOCS")
    c.call("HELLO", "3")
    info3 = c.call("COMMAND")
    docs3 = c.call("COMMAND", "DOCS")
    groups = {}
    for i in range(0, len(docs2), 2):
        name = docs2[i][0]
        body = docs2[i + 1][0]
        kv = {body[j][0]: body[j + 1] for j in range(0, len(body), 2)}
        groups[name] = kv["group"][0]
        if "subcommands" in kv:
            sub = kv["subcommands"][0]
            for j in range(0, len(sub), 2):
                sk = {sub[j + 1][0][k][0]: sub[j + 1][0][k + 1] for k in range(0, len(sub[j + 1][0]), 2)}
                groups[sub[j][0]] = sk["group"][0]

    rows = []

    def add(entry):
        e = [v for v, _ in entry]
        name = e[0]
        flags = ",".join(v for v, _ in e[2]) or "-"
        rows.append("\t".join([name, e[1], flags, e[3], e[4], e[5], groups.get(name, "-"), spec_text(e[8])]))
        for sub, _ in e[9]:
            add(sub)

    for entry, _ in info2:
        add(entry)
    rows.sort()
    with open(OUT + "commands.tsv", "w") as f:
        f.write("# generated by protocol/src/main/scripts/gen-command-table.py from redis-server 7.0\n")
        f.write("# name\tarity\tflags\tfirst\tlast\tstep\tgroup\tkey specs (begin/find; ...)\n")
        f.write("\n".join(rows) + "\n")

    def dump(path, pairs):
        # one record per command: name length-prefixed line, then the raw RESP bytes
        with open(path, "wb") as f:
            for name, raw in pairs:
                f.write(b"%s %d\n" % (name.encode(), len(raw)))
                f.write(raw)

    for ver, info, docs in (("2", info2, docs2), ("3", info3, docs3)):
        dump(OUT + "command-info.resp" + ver, [(v[0][0], raw) for v, raw in info])
        dump(OUT + "command-docs.resp" + ver, [(docs[i][0], docs[i + 1][1]) for i in range(0, len(docs), 2)])


main()
