#!/usr/bin/env python3
"""Runs the bad-input corpus (tests/bad_inputs/cases/GROUP/*.case) against a callsim binary.

Each case runs in a fresh temporary directory (its scratch dir, also the working
directory) under a time limit and, unless --no-memory-limit, an address-space limit. For
every case the runner checks: the exit code and that no signal ended the process; each
expected stderr/stdout fragment; for exit 2, exactly one non-empty stderr line (unless the
case allows more) that names a file of the case or an option of its command; no leftover
temporary (*.tmp-*) or lock (*.lock) file; every input byte for byte as before and no new
file but the outputs the case declares. The format of a case is in README.md.

Prints one line per failing case and a summary; exits 1 when a case failed or an xfail
case unexpectedly passed. Standard library only.
"""

import argparse
import hashlib
import os
import re
import resource
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(HERE, "cases")
MEMORY_LIMIT = 2 << 30  # 2 GiB of address space: bounded memory, whatever the input
DEFAULT_TIMEOUT = 20.0
COMMANDS = {"run", "compare", "erlang", "list", "inspect", "report"}
LONG_OPTIONS = {"-r": "--replications", "-j": "--threads", "-s": "--seed", "-o": "--out", "-q": "--quiet",
                "-p": "--policy", "-w": "--what-if", "-h": "--help"}


class CaseFormatError(Exception):
    pass


def unescape(text):
    """Backslash escapes of a case file: \\xNN, \\t, \\r, \\n, \\0 and \\\\."""
    out = bytearray()
    i = 0
    raw = text.encode("utf-8")
    while i < len(raw):
        c = raw[i]
        if c != 0x5C or i + 1 >= len(raw):
            out.append(c)
            i += 1
            continue
        n = chr(raw[i + 1])
        if n == "x":
            out.append(int(raw[i + 2:i + 4], 16))
            i += 4
            continue
        out += {"t": b"\t", "r": b"\r", "n": b"\n", "0": b"\0", "\\": b"\\"}.get(n, b"\\" + n.encode())
        i += 2
    return bytes(out)


class Case:
    def __init__(self, path):
        self.path = path
        self.group = os.path.basename(os.path.dirname(path))
        self.name = self.group + "/" + os.path.splitext(os.path.basename(path))[0]
        self.description = ""
        self.argv = None
        self.exit = None
        self.stderr = []
        self.stdout = []
        self.stderr_lines = None  # None: the default (exactly 1 for exit 2)
        self.outputs = set()
        self.creates = []
        self.removes = []
        self.setup = []
        self.stdin = None
        self.stdout_to = None  # a path to send stdout to instead of capturing it (/dev/full)
        self.timeout = DEFAULT_TIMEOUT
        self.xfail = None
        self.names = []
        self.files = []  # (relative path, bytes)
        self._parse()

    def _parse(self):
        with open(self.path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        i = 0
        while i < len(lines) and not lines[i].startswith("--- "):
            line = lines[i]
            i += 1
            if not line.strip():
                continue
            if line.startswith("#"):
                if not self.description:
                    self.description = line[1:].strip()
                continue
            key, sep, value = line.partition(":")
            if not sep:
                raise CaseFormatError("line without 'key:': " + line)
            value = value.strip()
            key = key.strip()
            if key == "run":
                self.argv = value
            elif key == "exit":
                self.exit = int(value)
            elif key == "stderr":
                self.stderr.append(unescape(value).decode("utf-8", "surrogateescape"))
            elif key == "stdout":
                self.stdout.append(unescape(value).decode("utf-8", "surrogateescape"))
            elif key == "stderr-lines":
                self.stderr_lines = value
            elif key == "output":
                self.outputs.add(value)
            elif key == "creates":
                self.outputs.add(value)
                self.creates.append(value)
            elif key == "removes":
                self.outputs.add(value)
                self.removes.append(value)
            elif key == "setup":
                self.setup.append(value)
            elif key == "stdout-to":
                self.stdout_to = value
            elif key == "stdin":
                self.stdin = unescape(value)
            elif key == "timeout":
                self.timeout = float(value)
            elif key == "xfail":
                self.xfail = value
            elif key == "names":
                self.names.append(value)
            else:
                raise CaseFormatError("unknown directive '" + key + "'")
        while i < len(lines):
            header = lines[i][4:].split()
            i += 1
            body = []
            while i < len(lines) and not lines[i].startswith("--- "):
                body.append(lines[i])
                i += 1
            while body and body[-1] == "":  # the blank lines before the next section
                body.pop()
            flags = set(header[1:])
            unknown = flags - {"escaped", "crlf", "noeol"}
            if unknown:
                raise CaseFormatError("unknown file flag(s) " + ", ".join(sorted(unknown)))
            eol = "\r\n" if "crlf" in flags else "\n"
            text = eol.join(body) + (eol if body and "noeol" not in flags else "")
            data = unescape(text) if "escaped" in flags else text.encode("utf-8")
            self.files.append((header[0], data))
        if self.argv is None:
            raise CaseFormatError("no 'run:'")
        if self.exit is None:
            raise CaseFormatError("no 'exit:'")


def digest(path):
    """The file's hash; for a big file (the sparse ones of the size limits) its size, mtime
    and first and last MiB: reading gigabytes of zeros twice per case would be slow."""
    h = hashlib.sha256()
    st = os.stat(path)
    with open(path, "rb") as f:
        if st.st_size > 16 << 20:
            h.update(("%d %d" % (st.st_size, st.st_mtime_ns)).encode())
            h.update(f.read(1 << 20))
            f.seek(-(1 << 20), os.SEEK_END)
            h.update(f.read(1 << 20))
        else:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def snapshot(root):
    """Relative path -> (kind, hash or link target) of everything under root."""
    entries = {}
    for base, dirs, files in os.walk(root):
        for name in dirs + files:
            full = os.path.join(base, name)
            rel = os.path.relpath(full, root)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                entries[rel] = ("link", os.readlink(full))
            elif stat.S_ISREG(st.st_mode):
                entries[rel] = ("file", digest(full))
            elif stat.S_ISDIR(st.st_mode):
                entries[rel] = ("dir", "")
            else:
                entries[rel] = ("special", stat.S_IFMT(st.st_mode))
    return entries


def substitute(text, scratch):
    return text.replace("{dir}", scratch).replace("{repo}", REPO)


def run_callsim(callsim, argv, scratch, stdin, timeout, memory_limit, stdout_to=None):
    def limits():
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    env = dict(os.environ, NO_COLOR="1", LC_ALL="C")
    start = time.monotonic()
    sink = open(stdout_to, "wb") if stdout_to else None
    proc = subprocess.Popen([callsim] + argv, cwd=scratch, env=env, preexec_fn=limits, start_new_session=True,
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=sink or subprocess.PIPE, stderr=subprocess.PIPE)
    if sink:
        sink.close()
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        timed_out = True
    return proc.returncode, out, err, timed_out, time.monotonic() - start


def do_setup(case, step, scratch, callsim, memory_limit):
    words = shlex.split(step)
    op, args = words[0], words[1:]
    p = lambda rel: os.path.join(scratch, rel)
    if op == "copy":
        src = os.path.join(REPO, args[0])
        if os.path.isdir(src):
            shutil.copytree(src, p(args[1]))
        else:
            os.makedirs(os.path.dirname(p(args[1])), exist_ok=True)
            shutil.copyfile(src, p(args[1]))
    elif op == "symlink":
        os.symlink(args[0], p(args[1]))
    elif op == "hardlink":
        os.link(p(args[0]), p(args[1]))
    elif op == "mkdir":
        os.makedirs(p(args[0]), exist_ok=True)
    elif op == "fifo":
        os.mkfifo(p(args[0]))
    elif op == "readonly":
        os.chmod(p(args[0]), 0o444)
    elif op == "readonly-dir":
        os.chmod(p(args[0]), 0o555)
    elif op == "fill":  # fill FILE SIZE TEXT: TEXT (escapes allowed) repeated to SIZE bytes
        size, pattern = int(args[1]), unescape(args[2])
        with open(p(args[0]), "wb") as f:
            f.write((pattern * (size // len(pattern) + 1))[:size])
    elif op == "pad":  # pad FILE SIZE TEXT: TEXT appended, repeated and cut, until FILE has SIZE bytes
        size, pattern = int(args[1]), unescape(args[2])
        missing = size - os.path.getsize(p(args[0]))
        with open(p(args[0]), "ab") as f:
            f.write((pattern * (missing // len(pattern) + 1))[:missing])
    elif op == "repeat":  # repeat FILE MARKER TEXT COUNT: MARKER replaced by TEXT (escapes) COUNT times
        with open(p(args[0]), "rb") as f:
            data = f.read()
        marker = unescape(args[1])
        if marker not in data:
            raise CaseFormatError("setup repeat: '" + args[1] + "' is not in " + args[0])
        with open(p(args[0]), "wb") as f:
            f.write(data.replace(marker, unescape(args[2]) * int(args[3]), 1))
    elif op == "remove":
        if os.path.isdir(p(args[0])) and not os.path.islink(p(args[0])):
            shutil.rmtree(p(args[0]))
        else:
            os.remove(p(args[0]))
    elif op == "truncate":
        os.truncate(p(args[0]), int(args[1]))
    elif op == "replace":  # replace FILE OLD NEW: the first occurrence
        with open(p(args[0]), "rb") as f:
            data = f.read()
        old, new = unescape(args[1]), unescape(args[2])
        if old not in data:
            raise CaseFormatError("setup replace: '" + args[1] + "' is not in " + args[0])
        with open(p(args[0]), "wb") as f:
            f.write(data.replace(old, new, 1))
    elif op == "callsim":
        argv = [substitute(a, scratch) for a in args]
        code, out, err, timed_out, _ = run_callsim(callsim, argv, scratch, None, 60, memory_limit)
        if code != 0 or timed_out:
            raise CaseFormatError("setup 'callsim " + " ".join(args) + "' exited " + str(code) + ": " +
                                  err.decode("utf-8", "replace").strip())
    else:
        raise CaseFormatError("unknown setup step '" + op + "'")


def writable_again(root):
    """Read-only files and directories a case made: writable, so that they can be removed."""
    for base, dirs, files in os.walk(root):
        for name in dirs + files:
            full = os.path.join(base, name)
            if not os.path.islink(full):
                os.chmod(full, 0o755 if os.path.isdir(full) else 0o644)
    os.chmod(root, 0o755)


def check_case(case, callsim, memory_limit):
    """Runs one case; returns (problems, seconds)."""
    scratch = tempfile.mkdtemp(prefix="callsim-bad-input-")
    try:
        for rel, data in case.files:
            full = os.path.join(scratch, rel)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(substitute(data.decode("utf-8", "surrogateescape"), scratch)
                        .encode("utf-8", "surrogateescape"))
        for step in case.setup:
            do_setup(case, step, scratch, callsim, memory_limit)
        before = snapshot(scratch)
        argv = [substitute(unescape(a).decode("utf-8", "surrogateescape"), scratch) for a in shlex.split(case.argv)]
        code, out, err, timed_out, seconds = run_callsim(callsim, argv, scratch, case.stdin, case.timeout,
                                                         memory_limit, case.stdout_to)
        after = snapshot(scratch)
    except (CaseFormatError, OSError, ValueError, IndexError) as e:
        shutil.rmtree(scratch, ignore_errors=True)
        return ["case error: " + str(e)], 0.0
    finally:
        if os.path.isdir(scratch):
            writable_again(scratch)
    shutil.rmtree(scratch, ignore_errors=True)

    problems = []
    err_text = err.decode("utf-8", "replace")
    out_text = (out or b"").decode("utf-8", "replace")
    first_err = err_text.strip().split("\n")[0][:300] if err_text.strip() else "(no stderr)"
    if timed_out:
        problems.append("did not end within %g s (killed)" % case.timeout)
    elif code < 0:
        problems.append("killed by signal %s" % signal.Signals(-code).name)
    elif code != case.exit:
        problems.append("exit %d, expected %d; stderr: %s" % (code, case.exit, first_err))
    for fragment in case.stderr:
        if fragment not in err_text:
            problems.append("stderr lacks %r; stderr: %s" % (fragment, first_err))
    for fragment in case.stdout:
        if fragment not in out_text:
            problems.append("stdout lacks %r" % fragment)
    lines = [line for line in err_text.split("\n") if line.strip()]
    allowed = case.stderr_lines if case.stderr_lines is not None else ("1" if case.exit == 2 else "any")
    if allowed != "any" and len(lines) != int(allowed):
        problems.append("%d non-empty stderr lines, expected %s: %s" % (len(lines), allowed, " | ".join(lines)[:400]))
    if case.exit == 2 and code == 2 and lines:
        # The error is the first line that is not a warning (an unknown option's usage follows it).
        error_line = next((line for line in lines if not line.startswith("warning:")), lines[0])
        names = set(case.names)
        names.update(os.path.basename(rel) for rel, _ in case.files)
        for step in case.setup:
            names.update(os.path.basename(w) for w in shlex.split(step)[1:] if re.search(r"[A-Za-z]", w))
        for i, token in enumerate(argv):
            if i == 0 and token in COMMANDS:
                continue
            if token.startswith("-") or re.search(r"[A-Za-z]", token):
                names.add(os.path.basename(token) if token.startswith(scratch) else token)
                names.add(LONG_OPTIONS.get(token, token))
        names.discard("")
        if not any(n in error_line for n in names):
            problems.append("the error line names no file or option of the case: " + error_line[:300])
    for rel in after:
        base = os.path.basename(rel)
        if (".tmp-" in base or base.endswith(".lock")) and rel not in before:
            problems.append("left " + rel + " behind")
    for rel in case.removes:
        if rel in after:
            problems.append("did not remove " + rel)
    for rel, entry in before.items():
        if rel in case.outputs:
            continue
        if rel not in after:
            problems.append("removed " + rel)
        elif after[rel] != entry:
            problems.append("changed " + rel)
    for rel in after:
        base = os.path.basename(rel)
        if rel not in before and rel not in case.outputs and ".tmp-" not in base and not base.endswith(".lock"):
            problems.append("created " + rel + " (not a declared output)")
    for rel in case.creates:
        if after.get(rel, ("",))[0] != "file":
            problems.append("did not create " + rel)
    return problems, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--callsim", required=True, help="the callsim binary")
    parser.add_argument("--group", action="append", help="run only this group (a folder of cases/); repeatable")
    parser.add_argument("--case", action="append", help="run only this case (GROUP/NAME); repeatable")
    parser.add_argument("--no-memory-limit", action="store_true",
                        help="no address-space limit (sanitizer builds: ASan reserves terabytes of shadow memory)")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per case, passing or not")
    args = parser.parse_args()
    callsim = os.path.abspath(args.callsim)
    memory_limit = None if args.no_memory_limit else MEMORY_LIMIT

    groups = sorted(d for d in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, d)))
    if args.group:
        missing = set(args.group) - set(groups)
        if missing:
            print("no such group: " + ", ".join(sorted(missing)) + "; groups are: " + ", ".join(groups))
            return 1
        groups = [g for g in groups if g in args.group]
    paths = []
    for g in groups:
        paths += [os.path.join(CASES, g, f) for f in sorted(os.listdir(os.path.join(CASES, g))) if f.endswith(".case")]

    start = time.monotonic()
    counts = {"pass": 0, "fail": 0, "xfail": 0, "xpass": 0}
    for path in paths:
        try:
            case = Case(path)
        except (CaseFormatError, ValueError) as e:
            print("FAIL %s: case error: %s" % (os.path.relpath(path, CASES), e))
            counts["fail"] += 1
            continue
        if args.case and case.name not in args.case:
            continue
        problems, seconds = check_case(case, callsim, memory_limit)
        if case.xfail:
            if problems:
                counts["xfail"] += 1
                if args.verbose:
                    print("xfail %s (%s): %s" % (case.name, case.xfail, problems[0]))
            else:
                counts["xpass"] += 1
                print("XPASS %s: passes but is marked xfail (%s); remove the xfail line" % (case.name, case.xfail))
        elif problems:
            counts["fail"] += 1
            print("FAIL %s: %s" % (case.name, "; ".join(problems)))
        else:
            counts["pass"] += 1
            if args.verbose:
                print("ok   %s (%.2f s)" % (case.name, seconds))
    total = sum(counts.values())
    print("%d cases in %s: %d passed, %d failed, %d xfail, %d unexpectedly passed (%.1f s)" %
          (total, ", ".join(groups), counts["pass"], counts["fail"], counts["xfail"], counts["xpass"],
           time.monotonic() - start))
    if total == 0:
        print("no case ran")
        return 1
    return 1 if counts["fail"] or counts["xpass"] else 0


if __name__ == "__main__":
    sys.exit(main())
