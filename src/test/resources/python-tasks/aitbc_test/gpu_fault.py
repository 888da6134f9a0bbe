"""A GPU job that fails as a CUDA program does after a GPU fault: it waits up to args.wait seconds for args.marker to
appear (the test writes it once it has logged an XID naming this process), removes it and exits 1; without the marker
it succeeds, reporting its device."""
import json
import os
import sys
import time

args = json.load(sys.stdin)
marker = args["marker"]
deadline = time.time() + args.get("wait", 10)
while time.time() < deadline:
    if os.path.exists(marker):
        os.remove(marker)
        sys.stderr.write("CUDA error: an illegal memory access was encountered\n")
        sys.exit(1)
    time.sleep(0.05)
print(json.dumps({"device": os.environ.get("CUDA_VISIBLE_DEVICES")}))
