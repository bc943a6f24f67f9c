#!/usr/bin/env python3
"""Deterministic generator of a large CloudTrail archive for benchmarks.

Writes gzip log files in the AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ layout with realistic
records: mostly successful calls from many principals (Lambda roles, users, services), a few percent
access denials of every kind. Same --seed, same bytes.

  python3 bench/generate_archive.py --out bench/data/200mb --mb 200
"""
import argparse, gzip, json, os, random, uuid

SERVICES = [("s3.amazonaws.com", "GetObject"), ("s3.amazonaws.com", "PutObject"), ("dynamodb.amazonaws.com", "GetItem"),
            ("dynamodb.amazonaws.com", "Query"), ("kms.amazonaws.com", "Decrypt"), ("sqs.amazonaws.com", "SendMessage"),
            ("secretsmanager.amazonaws.com", "GetSecretValue"), ("ssm.amazonaws.com", "GetParameter"), ("sts.amazonaws.com", "AssumeRole"),
            ("logs.amazonaws.com", "CreateLogStream"), ("ec2.amazonaws.com", "DescribeInstances"), ("lambda.amazonaws.com", "ListFunctions20150331")]
LAYERS = ["because no identity-based policy allows the {a} action", "with an explicit deny in a service control policy",
          "because no resource-based policy allows the {a} action", "because no permissions boundary allows the {a} action"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--mb", type=int, default=100, help="approximate uncompressed size in MB")
    p.add_argument("--denial-percent", type=float, default=3.0)
    p.add_argument("--records-per-file", type=int, default=2000)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()
    rng = random.Random(args.seed)
    acct = "111122223333"
    fns = [f"fn-{i:03d}" for i in range(200)]
    target = args.mb * 1024 * 1024
    written = 0
    file_no = 0
    while written < target:
        region = ["us-east-1", "eu-west-1", "ap-southeast-2"][file_no % 3]
        day = 1 + file_no % 28
        folder = os.path.join(args.out, "AWSLogs", acct, "CloudTrail", region, "2026", "10", f"{day:02d}")
        os.makedirs(folder, exist_ok=True)
        records = []
        for _ in range(args.records_per_file):
            src, name = rng.choice(SERVICES)
            kind = rng.random()
            if kind < 0.7:
                fn = rng.choice(fns)
                role = f"{fn}-role"
                ident = {"type": "AssumedRole", "principalId": f"AROA{rng.getrandbits(64):016X}:{fn}", "arn": f"arn:aws:sts::{acct}:assumed-role/{role}/{fn}",
                         "accountId": acct, "accessKeyId": f"ASIA{rng.getrandbits(64):016X}",
                         "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE", "arn": f"arn:aws:iam::{acct}:role/service/{role}", "accountId": acct, "userName": role},
                                            "attributes": {"creationDate": "2026-10-01T00:00:00Z", "mfaAuthenticated": "false"}}}
                ua = "Boto3/1.35.20 md/Botocore#1.35.20 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.12.6 exec-env/AWS_Lambda_python3.12 Botocore/1.35.20"
            elif kind < 0.9:
                u = f"user{rng.randrange(50)}"
                ident = {"type": "IAMUser", "principalId": f"AIDA{rng.getrandbits(64):016X}", "arn": f"arn:aws:iam::{acct}:user/{u}", "accountId": acct, "userName": u}
                ua = "aws-cli/2.18.0 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.6"
            else:
                ident = {"type": "AWSService", "invokedBy": "lambda.amazonaws.com"}
                ua = "lambda.amazonaws.com"
            r = {"eventVersion": "1.09", "userIdentity": ident, "eventTime": f"2026-10-{day:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z",
                 "eventSource": src, "eventName": name, "awsRegion": region, "sourceIPAddress": f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}",
                 "userAgent": ua, "requestParameters": {"bucketName": "data-bucket", "key": f"objects/{rng.getrandbits(48):012x}.json", "tableName": "orders"},
                 "responseElements": None, "requestID": str(uuid.UUID(int=rng.getrandbits(128))), "eventID": str(uuid.UUID(int=rng.getrandbits(128))),
                 "readOnly": True, "eventType": "AwsApiCall", "managementEvent": True, "recipientAccountId": acct, "eventCategory": "Management",
                 "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader": src}}
            if rng.random() * 100 < args.denial_percent:
                action = f"{src.split('.')[0]}:{name.rstrip('0123456789')}"
                r["errorCode"] = "AccessDenied" if src.startswith("s3") else "AccessDeniedException"
                r["errorMessage"] = f"User: {ident.get('arn', 'lambda.amazonaws.com')} is not authorized to perform: {action} on resource: arn:aws:{src.split('.')[0]}:{region}:{acct}:thing/{rng.randrange(40)} " + rng.choice(LAYERS).format(a=action)
            records.append(r)
        body = json.dumps({"Records": records}, separators=(",", ":")).encode()
        name = f"{acct}_CloudTrail_{region}_202610{day:02d}T{file_no % 24:02d}{file_no % 60:02d}Z_{file_no:08d}.json.gz"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(gzip.compress(body, compresslevel=6, mtime=0))
        written += len(body)
        file_no += 1
    print(f"{file_no} files, {written / 1048576:.0f} MB uncompressed, in {args.out}")


if __name__ == "__main__":
    main()
