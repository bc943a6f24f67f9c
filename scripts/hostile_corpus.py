#!/usr/bin/env python3
"""Builds the hostile-archive corpus: inputs an attacker with a few megabytes of .gz could hand `denied scan`.

Each shape is one .json.gz file (or, for the file-system shapes, a folder) under --out, small when compressed and
large or numerous when read. --scale small (the default, what tests/Cli.Tests/HostileArchiveTests.cs runs) makes every
token shape a few times larger than the reader's 8 MB per-value budget and every count shape large enough to fill the
read-ahead queue many times over; --scale big makes the multi-gigabyte cases (run them with bench/hostile.sh big).

  python3 scripts/hostile_corpus.py --out DIR [--scale small|big] [--only SHAPE,...]

Prints one line per shape: name, path, compressed bytes, uncompressed bytes.
"""
import argparse
import os
import uuid
import zlib

MB = 1024 * 1024
GB = 1024 * MB

DENIAL = (
    '{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:fn",'
    '"arn":"arn:aws:sts::111122223333:assumed-role/fn-role/fn","accountId":"111122223333",'
    '"sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE",'
    '"arn":"arn:aws:iam::111122223333:role/fn-role","accountId":"111122223333","userName":"fn-role"}}},'
    '"eventTime":"2026-11-23T18:16:18Z","eventSource":"s3.amazonaws.com","eventName":"GetObject",'
    '"awsRegion":"us-east-1","sourceIPAddress":"203.0.113.10","userAgent":"Boto3/1.35.20 md/Botocore#1.35.20 ua/2.0 exec-env/AWS_Lambda_python3.12 Botocore/1.35.20",'
    '"errorCode":"AccessDenied","errorMessage":"User: arn:aws:sts::111122223333:assumed-role/fn-role/fn is not '
    'authorized to perform: s3:GetObject on resource: \\"arn:aws:s3:::bucket/key\\" because no identity-based '
    'policy allows the s3:GetObject action","requestParameters":{"bucketName":"bucket","key":"key"},'
    '"eventID":"%s","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}'
)
SAME_ID = "f1a38d32-6834-4c65-927c-b2382bedda16"

# name: (small, big) size; strings and whitespace in bytes, the rest in records.
SIZES = {
    "huge-string-element": (64 * MB, 3 * GB),
    "huge-string-in-record": (64 * MB, 3 * GB),
    "huge-bare-record": (64 * MB, 3 * GB),
    "huge-number": (64 * MB, 1 * GB),
    "whitespace-run": (64 * MB, 3 * GB // 2),
    "deep-nesting": (1 * MB, 64 * MB),
    "near-budget-records": (24, 400),
    "identical-denials": (200_000, 1_000_000),
    "distinct-denials": (100_000, 2_000_000),
    "tiny-records": (2_000_000, 11_000_000),
    "unreadable-records": (1_000_000, 10_000_000),
}


class GzipWriter:
    """Streams text into a .gz without holding it: repeated chunks cost nothing but time."""

    def __init__(self, path):
        self.file = open(path, "wb")
        self.z = zlib.compressobj(9, zlib.DEFLATED, 31)
        self.size = 0

    def write(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.size += len(data)
        self.file.write(self.z.compress(data))

    def repeat(self, unit, count):
        if isinstance(unit, str):
            unit = unit.encode()
        block = unit * max(1, (1 * MB) // len(unit))
        per = len(block) // len(unit)
        while count >= per:
            self.write(block)
            count -= per
        if count:
            self.write(unit * count)

    def close(self):
        self.file.write(self.z.flush())
        self.file.close()
        return self.size


def build(name, n, out):
    path = os.path.join(out, name + ".json.gz")
    w = GzipWriter(path)
    if name == "huge-string-element":
        w.write('{"Records":["'); w.repeat("A", n); w.write('"]}')
    elif name == "huge-string-in-record":
        w.write('{"Records":[' + DENIAL[:-1] % SAME_ID + ',"userAgent":"'); w.repeat("A", n); w.write('"}]}')
    elif name == "huge-bare-record":
        w.write('{"eventName":"GetObject","errorCode":"AccessDenied","requestParameters":{"key":"'); w.repeat("A", n); w.write('"}}')
    elif name == "huge-number":
        w.write('{"Records":['); w.repeat("1", n); w.write("]}")
    elif name == "whitespace-run":
        w.repeat(" ", n); w.write(DENIAL % SAME_ID)
    elif name == "deep-nesting":
        w.repeat("[", n)
    elif name == "near-budget-records":
        # Each record just under the 8 MB budget: read, parsed and queued ahead one at a time, never 64 at once.
        w.write('{"Records":[')
        for i in range(n):
            head, tail = DENIAL.split('"203.0.113.10"')
            w.write(("," if i else "") + head + '"')
            w.repeat("A", 7 * MB)
            w.write('"' + tail % uuid.uuid4())
        w.write("]}")
    elif name == "identical-denials":
        w.write('{"Records":['); w.write(DENIAL % SAME_ID); w.repeat("," + DENIAL % SAME_ID, n - 1); w.write("]}")
    elif name == "distinct-denials":
        w.write('{"Records":[')
        for i in range(n):
            w.write(("," if i else "") + DENIAL % uuid.uuid4())
        w.write("]}")
    elif name == "tiny-records":
        w.write('{"Records":[{}'); w.repeat(",{}", n - 1); w.write("]}")
    elif name == "unreadable-records":
        w.write('{"Records":[{"errorCode":"AccessDenied"}'); w.repeat(',{"errorCode":"AccessDenied"}', n - 1); w.write("]}")
    else:
        raise SystemExit("unknown shape " + name)
    size = w.close()
    return path, os.path.getsize(path), size


def build_tree(out):
    """Folders an attacker controls: two link cycles, a FIFO named like a log, a link to the same file twice."""
    root = os.path.join(out, "link-loops")
    a, b = os.path.join(root, "a"), os.path.join(root, "b")
    os.makedirs(a, exist_ok=True)
    os.makedirs(b, exist_ok=True)
    w = GzipWriter(os.path.join(a, "one.json.gz")); w.write('{"Records":[' + DENIAL % SAME_ID + "]}"); w.close()
    for link, target in ((os.path.join(a, "to-b"), b), (os.path.join(b, "to-a"), a), (os.path.join(a, "up"), root)):
        if not os.path.lexists(link):
            os.symlink(target, link)
    fifo = os.path.join(root, "pipe.json.gz")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    return root


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--scale", choices=["small", "big"], default="small")
    p.add_argument("--only", default="")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    only = [s for s in args.only.split(",") if s]
    for name, sizes in SIZES.items():
        if only and name not in only:
            continue
        n = sizes[0] if args.scale == "small" else sizes[1]
        path, compressed, plain = build(name, n, args.out)
        print(f"{name}\t{path}\t{compressed}\t{plain}", flush=True)
    if not only or "link-loops" in only:
        print(f"link-loops\t{build_tree(args.out)}\t0\t0", flush=True)


if __name__ == "__main__":
    main()
