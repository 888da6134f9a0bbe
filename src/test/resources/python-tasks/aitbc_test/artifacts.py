"""Writes files (and, when asked, a symbolic link) under out/."""
import json
import os
import sys

args = json.load(sys.stdin)
out = os.environ["AITBC_OUTPUT_DIR"]
with open(os.path.join(out, "hello.txt"), "w") as f:
    f.write("hello artifact\n")
os.makedirs(os.path.join(out, "sub"), exist_ok=True)
with open(os.path.join(out, "sub", "big.bin"), "wb") as f:
    f.write(b"\0" * args.get("big", 100_000))
if args.get("link"):
    os.symlink(args["link"], os.path.join(out, "escape"))
print(json.dumps({"written": True}))
