#!/usr/bin/env python3
"""Deterministic generator of a large CloudTrail archive for benchmarks.

Writes gzip log files in the AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ layout with realistic
records: mostly successful calls from many principals (200 Lambda roles, 50 users, services), a few percent
access denials of every kind. Denials come from a fixed set of misconfigurations (--misconfigurations, a
few hot ones failing often, a long tail failing rarely), as in a real account where one missing permission
fails on every call; --misconfigurations 0 makes every denial a different one (the worst case for memory:
the scan keeps one finding per distinct misconfiguration). Same arguments, same bytes, whatever --jobs.

  python3 bench/generate_archive.py --out bench/data/200mb --mb 200
"""
import argparse, gzip, json, os, random, uuid
from multiprocessing import Pool

ACCT = "111122223333"
SERVICES = [("s3.amazonaws.com", "GetObject"), ("s3.amazonaws.com", "PutObject"), ("dynamodb.amazonaws.com", "GetItem"),
            ("dynamodb.amazonaws.com", "Query"), ("kms.amazonaws.com", "Decrypt"), ("sqs.amazonaws.com", "SendMessage"),
            ("secretsmanager.amazonaws.com", "GetSecretValue"), ("ssm.amazonaws.com", "GetParameter"), ("sts.amazonaws.com", "AssumeRole"),
            ("logs.amazonaws.com", "CreateLogStream"), ("ec2.amazonaws.com", "DescribeInstances"), ("lambda.amazonaws.com", "ListFunctions20150331")]
LAYERS = ["because no identity-based policy allows the {a} action", "with an explicit deny in a service control policy",
          "because no resource-based policy allows the {a} action", "because no permissions boundary allows the {a} action"]
FNS = [f"fn-{i:03d}" for i in range(200)]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]
ROLE_UA = "Boto3/1.35.20 md/Botocore#1.35.20 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.12.6 exec-env/AWS_Lambda_python3.12 Botocore/1.35.20"
USER_UA = "aws-cli/2.18.0 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.6"


def principal(rng, kind):
    """kind in [0, 1): 70% Lambda execution roles, 20% IAM users, 10% AWS services."""
    if kind < 0.7:
        fn = rng.choice(FNS)
        role = f"{fn}-role"
        return ({"type": "AssumedRole", "principalId": f"AROA{rng.getrandbits(64):016X}:{fn}", "arn": f"arn:aws:sts::{ACCT}:assumed-role/{role}/{fn}",
                 "accountId": ACCT, "accessKeyId": f"ASIA{rng.getrandbits(64):016X}",
                 "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE", "arn": f"arn:aws:iam::{ACCT}:role/service/{role}", "accountId": ACCT, "userName": role},
                                    "attributes": {"creationDate": "2026-10-01T00:00:00Z", "mfaAuthenticated": "false"}}}, ROLE_UA)
    if kind < 0.9:
        u = f"user{rng.randrange(50)}"
        return ({"type": "IAMUser", "principalId": f"AIDA{rng.getrandbits(64):016X}", "arn": f"arn:aws:iam::{ACCT}:user/{u}", "accountId": ACCT, "userName": u}, USER_UA)
    return ({"type": "AWSService", "invokedBy": "lambda.amazonaws.com"}, "lambda.amazonaws.com")


def misconfiguration(seed, number):
    """The number-th misconfiguration: who, which call, which resource, which layer (its own RNG: stable)."""
    rng = random.Random(f"{seed}:misconfiguration:{number}")
    return rng.random(), rng.getrandbits(32), rng.choice(SERVICES), rng.randrange(40), rng.choice(LAYERS), rng.choice(REGIONS)


def write_file(args):
    out, seed, file_no, records_per_file, denial_percent, misconfigurations = args
    rng = random.Random(f"{seed}:file:{file_no}")
    region = REGIONS[file_no % 3]
    day = 1 + file_no % 28
    records = []
    for _ in range(records_per_file):
        denied = rng.random() * 100 < denial_percent
        if denied and misconfigurations > 0:
            # Zipf-like: misconfiguration k fails about 1/(k+1) as often as the hottest one.
            k = min(int(misconfigurations ** rng.random()) - 1, misconfigurations - 1)
            kind, pseed, (src, name), thing, layer, _ = misconfiguration(seed, k)
            ident, ua = principal(random.Random(pseed), kind)
        else:
            src, name = rng.choice(SERVICES)
            ident, ua = principal(rng, rng.random())
            thing, layer = rng.randrange(40), rng.choice(LAYERS)
        r = {"eventVersion": "1.09", "userIdentity": ident, "eventTime": f"2026-10-{day:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z",
             "eventSource": src, "eventName": name, "awsRegion": region, "sourceIPAddress": f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}",
             "userAgent": ua, "requestParameters": {"bucketName": "data-bucket", "key": f"objects/{rng.getrandbits(48):012x}.json", "tableName": "orders"},
             "responseElements": None, "requestID": str(uuid.UUID(int=rng.getrandbits(128))), "eventID": str(uuid.UUID(int=rng.getrandbits(128))),
             "readOnly": True, "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": ACCT, "eventCategory": "Management",
             "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": src}}
        if denied:
            action = f"{src.split('.')[0]}:{name.rstrip('0123456789')}"
            r["errorCode"] = "AccessDenied" if src.startswith("s3") else "AccessDeniedException"
            r["errorMessage"] = f"User: {ident.get('arn', 'lambda.amazonaws.com')} is not authorized to perform: {action} on resource: arn:aws:{src.split('.')[0]}:{region}:{ACCT}:thing/{thing} " + layer.format(a=action)
        records.append(r)
    body = json.dumps({"Records": records}, separators=(",", ":")).encode()
    folder = os.path.join(out, "AWSLogs", ACCT, "CloudTrail", region, "2026", "10", f"{day:02d}")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{ACCT}_CloudTrail_{region}_202610{day:02d}T{file_no % 24:02d}{file_no % 60:02d}Z_{file_no:08d}.json.gz")
    with open(path, "wb") as f:
        f.write(gzip.compress(body, compresslevel=6, mtime=0))
    return path, len(body)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--mb", type=int, default=100, help="approximate uncompressed size in MB")
    p.add_argument("--denial-percent", type=float, default=3.0)
    p.add_argument("--records-per-file", type=int, default=2000)
    p.add_argument("--misconfigurations", type=int, default=300, help="distinct misconfigurations the denials come from (0: every denial its own)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = p.parse_args()
    target = args.mb * 1024 * 1024
    written = file_no = 0
    with Pool(args.jobs) as pool:
        while written < target:
            batch = [(args.out, args.seed, n, args.records_per_file, args.denial_percent, args.misconfigurations) for n in range(file_no, file_no + args.jobs * 4)]
            for path, size in pool.imap(write_file, batch):
                if written >= target:
                    os.remove(path)  # past the size: the same files whatever --jobs
                    try:
                        os.removedirs(os.path.dirname(path))
                    except OSError:
                        pass
                    continue
                written += size
                file_no += 1
    print(f"{file_no} files, {written / 1048576:.0f} MB uncompressed, in {args.out}")


if __name__ == "__main__":
    main()
