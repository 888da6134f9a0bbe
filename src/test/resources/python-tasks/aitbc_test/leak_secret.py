"""Prints its secret on stdout and stderr, as a careless task would; with {"fail": true} it then exits 3."""
import json
import os
import sys

args = json.load(sys.stdin)
secret = open(os.path.join(os.environ["AITBC_SECRETS_DIR"], "api-token")).read()
sys.stderr.write("using token " + secret + "\n")
print(json.dumps({"token": secret, "header": "Bearer " + secret}))
sys.exit(3 if args.get("fail") else 0)
