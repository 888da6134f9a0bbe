"""Starts a grandchild that records SIGTERM and ignores it, then sleeps past its limit."""
import json
import subprocess
import sys
import time

args = json.load(sys.stdin)
marker = args["marker"]
child = (
    "import os, signal, sys, time\n"
    "def term(*_):\n"
    "    open(sys.argv[1] + '.term', 'w').write(repr(time.time()))\n"
    "signal.signal(signal.SIGTERM, term)\n"
    "open(sys.argv[1] + '.pid', 'w').write(str(os.getpid()))\n"
    "time.sleep(60)\n"
    "time.sleep(60)\n"
)
subprocess.Popen([sys.executable, "-c", child, marker])
time.sleep(60)
