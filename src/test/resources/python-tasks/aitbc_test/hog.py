"""Allocates args.mb megabytes and touches every page."""
import json
import sys

mb = json.load(sys.stdin).get("mb", 512)
block = b"x" * (mb * 1024 * 1024)
print(json.dumps({"allocated": len(block)}))
