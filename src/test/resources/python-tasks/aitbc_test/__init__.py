"""Test-only Python modules for the miner's python runner (allowlisted by src/test/resources/allowlist)."""
