# Sourced by every bin/ script and .ci/run: selects a JDK >= 21 (decisions D24).
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
if [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "No JDK at JAVA_HOME=$JAVA_HOME: install Temurin 21+ there or set JAVA_HOME to a JDK 21 or newer." >&2
  exit 1
fi
java_major=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ -z "$java_major" ] || [ "$java_major" -lt 21 ]; then
  echo "JDK at $JAVA_HOME is version ${java_major:-unknown}; the agent needs 21 or newer." >&2
  exit 1
fi
