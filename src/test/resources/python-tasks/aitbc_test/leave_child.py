"""A GPU job that leaves a process behind: it starts `sleep 60` in a session of its own (out of the job's process
group), writes that child's pid to args.pid_file, waits up to args.wait seconds for args.marker, then exits 0."""
import json
import os
import subprocess
import sys
import time

args = json.load(sys.stdin)
child = subprocess.Popen(["sleep", "60"], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
with open(args["pid_file"] + ".tmp", "w") as f:
    f.write(str(child.pid))
os.rename(args["pid_file"] + ".tmp", args["pid_file"])
deadline = time.time() + args.get("wait", 10)
while time.time() < deadline and not os.path.exists(args["marker"]):
    time.sleep(0.05)
print(json.dumps({"device": os.environ.get("CUDA_VISIBLE_DEVICES"), "child": child.pid}))
