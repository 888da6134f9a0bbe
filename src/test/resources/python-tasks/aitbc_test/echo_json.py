"""Reads JSON args on stdin and prints them back with a sum, plus billing keys the agent must drop."""
import json
import sys

args = json.load(sys.stdin)
numbers = args.get("numbers", [])
print(json.dumps({"echo": args, "sum": sum(numbers), "units": 999, "price": 1, "nested": {"cost": 5, "ok": True}}))
