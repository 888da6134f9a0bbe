"""Reports where its secret is and how long it is, never the value."""
import json
import os
import stat

directory = os.environ["AITBC_SECRETS_DIR"]
path = os.path.join(directory, "api-token")
mode = stat.S_IMODE(os.stat(path).st_mode)
dir_mode = stat.S_IMODE(os.stat(directory).st_mode)
print(json.dumps({"dir": directory, "length": len(open(path).read()), "mode": oct(mode), "dir_mode": oct(dir_mode),
                  "in_env": any("s3cr3t" in v for v in os.environ.values())}))
