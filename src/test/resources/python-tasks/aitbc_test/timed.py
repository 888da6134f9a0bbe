"""Sleeps args.seconds and reports when it ran and on which device (a slot: gpu entry)."""
import json
import os
import sys
import time

seconds = json.load(sys.stdin).get("seconds", 1)
start = time.time()
time.sleep(seconds)
print(json.dumps({"start": start, "end": time.time(), "device": os.environ.get("CUDA_VISIBLE_DEVICES")}))
