#!/usr/bin/env python3
"""Independent verifier for Yiju housing lotteries (algorithm yiju-lottery-v1).

Written from docs/modules/housing-lottery.md using only the Python standard library, so that anyone can check a
published lottery folder without trusting Yiju's own code:  python3 housing_lottery_verify.py <folder>
Exit status 0 when every check passes, 1 otherwise.
"""
import hashlib
import hmac
import json
import sys
from pathlib import Path

ALGORITHM = "yiju-lottery-v1"


def canonical_json(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int = 32) -> bytes:
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()  # RFC 5869 extract
    okm, block, i = b"", b"", 1
    while len(okm) < length:  # RFC 5869 expand
        block = hmac.new(prk, block + info + bytes([i]), hashlib.sha256).digest()
        okm += block
        i += 1
    return okm[:length]


class Stream:
    def __init__(self, seed: bytes):
        self.seed, self.counter, self.buf = seed, 0, b""

    def u32(self) -> int:
        if not self.buf:
            self.buf = hashlib.sha256(self.seed + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        v, self.buf = int.from_bytes(self.buf[:4], "big"), self.buf[4:]
        return v

    def uniform(self, n: int) -> int:
        limit = 2**32 - (2**32 % n)
        while True:
            x = self.u32()
            if x < limit:
                return x % n

    def shuffle(self, items: list) -> None:
        for i in range(len(items) - 1, 0, -1):
            j = self.uniform(i + 1)
            items[i], items[j] = items[j], items[i]


def read_csv(data: bytes, header: str) -> list:
    text = data.decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == header and lines[-1] == "", "unexpected CSV layout"
    return [line.split(",") for line in lines[1:-1]]


def draw(entrants, flats, bands, seed):
    stream = Stream(seed)
    ranking = []
    for tier in sorted({e[1] for e in entrants}):
        group = [e for e in entrants if e[1] == tier]  # already in id order, as in entrants.csv
        stream.shuffle(group)
        ranking += group
    by_rooms = {}
    for rooms in sorted({f[1] for f in flats}):
        group = [f[0] for f in flats if f[1] == rooms]
        stream.shuffle(group)
        by_rooms[rooms] = group
    lines = ["rank,entrant_id,tier,flat_id"]
    for rank, (eid, tier, size) in enumerate(ranking, start=1):
        flat = ""
        band = next((b for b in bands if b["min_persons"] <= size <= b["max_persons"]), None)
        if band is not None:
            for rooms in range(band["max_rooms"], band["min_rooms"] - 1, -1):
                if by_rooms.get(rooms):
                    flat = by_rooms[rooms].pop(0)
                    break
        lines.append(f"{rank},{eid},{tier},{flat}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def verify(folder: Path) -> list:
    failures = []
    read = lambda name: (folder / name).read_bytes()
    entrants_b, flats_b, rules_b = read("entrants.csv"), read("flats.csv"), read("rules.json")
    commitment, drawn = json.loads(read("commitment.json")), json.loads(read("draw.json"))
    rules = json.loads(rules_b)
    sha = lambda b: hashlib.sha256(b).hexdigest()
    if rules["algorithm"] != ALGORITHM:
        failures.append(f"unsupported algorithm {rules['algorithm']}")
    if sha(entrants_b) != commitment["entrants_sha256"]:
        failures.append("entrants.csv differs from the published hash")
    if sha(rules_b) != commitment["rules_sha256"] or canonical_json(rules) != rules_b:
        failures.append("rules.json differs from the published hash or is not canonical")
    if sha(flats_b) != rules["flats_sha256"]:
        failures.append("flats.csv differs from the hash in rules.json")
    secret = bytes.fromhex(drawn["secret_hex"])
    if len(secret) < 32:
        failures.append("secret shorter than 32 bytes")
    if sha(secret) != commitment["secret_commitment_sha256"]:
        failures.append("revealed secret does not match the commitment")
    seed = hkdf_sha256(secret, hashlib.sha256(entrants_b).digest() + hashlib.sha256(rules_b).digest(),
                       (ALGORITHM + drawn["public_random_value"]).encode("utf-8"))
    if seed.hex() != drawn["seed_hex"]:
        failures.append("seed in draw.json does not match the recomputed seed")
    entrants = [(r[0], int(r[1]), int(r[2])) for r in read_csv(entrants_b, "entrant_id,tier,household_size")]
    flats = [(r[0], int(r[1])) for r in read_csv(flats_b, "flat_id,rooms")]
    for name, rows in (("entrants.csv", entrants), ("flats.csv", flats)):
        ids = [r[0].encode("ascii") for r in rows]
        if any(a >= b for a, b in zip(ids, ids[1:])):
            failures.append(f"{name} is not sorted by id or has duplicate ids")
        if not rows:
            failures.append(f"{name} is empty")
    if draw(entrants, flats, rules["size_bands"], seed) != read("result.csv"):
        failures.append("result.csv differs from the re-run draw")
    return failures


if __name__ == "__main__":
    problems = verify(Path(sys.argv[1]))
    for p in problems:
        print("FAIL:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)
