#!/usr/bin/env python3
"""Makes the golden fixtures of CanonicalJsonTest (decisions D21). Run once, from this directory: python3 make-fixtures.py

Each case NAME gives NAME.input.json (the receipt as a coordinator would send it: json.dumps with its default,
non-sorted, non-ASCII output) and NAME.canonical.json (the bytes the coordinator signs: unsigned keys dropped at the
top level, nulls dropped recursively, json.dumps(..., separators=(",", ":"), sort_keys=True)).
"""
import json

UNSIGNED = {"signature", "attestations", "zk_status", "zk_proof", "tee_status", "tee_attestation_id", "tee_quote"}


def strip_nulls(value):
    if isinstance(value, dict):
        return {k: strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_nulls(v) for v in value if v is not None]
    return value


def canonical(receipt):
    kept = {k: v for k, v in receipt.items() if k not in UNSIGNED and not k.startswith("reinvest_")}
    return json.dumps(strip_nulls(kept), separators=(",", ":"), sort_keys=True)


CASES = {
    "receipt": {
        "version": "1.0", "receipt_id": "9f1c0d2e3a4b5c6d7e8f901234567890", "job_id": "a" * 32,
        "provider": "miner-1", "client": "client-1", "status": "COMPLETED", "units": 11.846,
        "unit_type": "gpu_seconds", "unit_price": 0.02, "price": 0.23692, "completed_at": 1767000000,
        "started_at": 1766999988,
        "metadata": {"job_payload": {"type": "inference", "prompt": "Hi", "model": "llama3.2:3b"},
                     "job_constraints": {"gpu": None, "zk_proof_required": False, "max_price": "0.5"},
                     "result": {"status": "completed", "output": "Hello", "execution_time": 11.846},
                     "metrics": {"duration_ms": 11846}},
        "signature": {"alg": "Ed25519", "key_id": "k", "sig": "s"},
        "attestations": [{"alg": "Ed25519", "key_id": "k", "sig": "s"}],
        "zk_status": "not_required", "zk_proof": None, "tee_status": "not_required", "tee_attestation_id": None,
        "tee_quote": "q", "reinvest_status": "none", "reinvest_stake_id": None,
    },
    "nested-nulls": {
        "z": None, "a": {"b": None, "c": [1, None, {"d": None, "e": [None]}], "f": {}}, "list": [None, None],
        "inner": {"reinvest_kept": 1, "signature": "nested keys are kept"},
    },
    "unicode-escapes": {
        "é": "café", "emoji": "rocket 🚀 done", "\U0001F600": "non-BMP key", "\uff5e": "BMP key above surrogates",
        "quote": "say \"hi\"", "backslash": "a\\b", "controls": "\n\r\t\b\f\x00\x01\x1f\x7f", "slash": "a/b",
        "zh": "中文", "tab\tkey": True, "false": False,
    },
    "numbers": {
        "price": 0.23692, "units": 11.846, "tiny": 1e-05, "small": 0.0001, "huge": 1e+16, "below": 9999999999999998.0,
        "hundred": 100, "hundred_float": 100.0, "neg_zero": -0.0, "big_int": 123456789012345678901234567890,
        "neg_big": -98765432109876543210, "third": 1 / 3, "neg": -2.5e-08, "exp": 1.5e+300, "zero": 0, "fzero": 0.0,
    },
}

for name, obj in CASES.items():
    with open(f"{name}.input.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False))
    with open(f"{name}.canonical.json", "w", encoding="ascii") as f:
        f.write(canonical(obj))
