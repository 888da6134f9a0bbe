"""Writes to stderr and exits 3."""
import sys

sys.stderr.write("something went wrong\n")
sys.exit(3)
