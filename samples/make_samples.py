#!/usr/bin/env python3
"""Writes the bundled sample CloudTrail archive (samples/AWSLogs/...) and single events (samples/events/).

The records follow the shapes of AWS's documented CloudTrail examples: eventVersion 1.09, AssumedRole
sessions whose sessionIssuer carries the role ARN with its path, Lambda user agents, enhanced
access-denied messages. Deterministic: the same seed writes the same bytes, so the files are committed
and the README's main command gives the same output everywhere. Run: python3 samples/make_samples.py
"""
import gzip, json, os, random, uuid

ROOT = os.path.dirname(os.path.abspath(__file__))
ACCT = "111122223333"
rng = random.Random(20261123)


def uid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def lambda_identity(role, fn, path="/service/", acct=ACCT):
    return {
        "type": "AssumedRole",
        "principalId": f"AROA{rng.getrandbits(60):015X}:{fn}",
        "arn": f"arn:aws:sts::{acct}:assumed-role/{role}/{fn}",
        "accountId": acct,
        "accessKeyId": f"ASIA{rng.getrandbits(60):016X}"[:20],
        "sessionContext": {
            "sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLEROLEID0001", "arn": f"arn:aws:iam::{acct}:role{path}{role}",
                              "accountId": acct, "userName": role},
            "attributes": {"creationDate": "2026-11-20T09:58:01Z", "mfaAuthenticated": "false"},
        },
    }


def ua(runtime):
    return {
        "python3.12": "Boto3/1.35.20 md/Botocore#1.35.20 ua/2.0 os/linux#5.10.227-239.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.20",
        "nodejs20.x": "aws-sdk-js/3.682.0 ua/2.1 os/linux#5.10.227-239.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/s3#3.682.0 m/E exec-env/AWS_Lambda_nodejs20.x",
        "java21": "aws-sdk-java/2.28.16 Linux/5.10.227-239.884.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. exec-env/AWS_Lambda_java21 io/sync http/Apache cfg/retry-mode/legacy",
    }[runtime]


def rec(t, source, name, identity, agent, region="us-east-1", error=None, message=None, params=None, resources=None, read_only=True, **extra):
    r = {
        "eventVersion": "1.09", "userIdentity": identity, "eventTime": t, "eventSource": source, "eventName": name,
        "awsRegion": region, "sourceIPAddress": "3.208.12.77", "userAgent": agent,
    }
    if error:
        r["errorCode"] = error
        r["errorMessage"] = message
    r["requestParameters"] = params
    r["responseElements"] = None
    r["requestID"] = uid()
    r["eventID"] = uid()
    r["readOnly"] = read_only
    if resources:
        r["resources"] = resources
    r["eventType"] = "AwsApiCall"
    r["managementEvent"] = not source.startswith("s3") or name in ("ListBuckets",)
    r["recipientAccountId"] = ACCT
    r["eventCategory"] = "Management"
    r.update(extra)
    return r


def sts(role, fn):
    return f"arn:aws:sts::{ACCT}:assumed-role/{role}/{fn}"


def denials(day):
    out = []
    t = lambda h, m, s: f"2026-11-{day:02d}T{h:02d}:{m:02d}:{s:02d}Z"
    orders = lambda: lambda_identity("orders-api-role", "orders-api")
    payments = lambda: lambda_identity("payments-worker-role", "payments-worker", path="/service/payments/")
    reports = lambda: lambda_identity("report-builder-role", "report-builder", path="/")
    for i in range(5):  # S3 GetObject, enhanced S3 form (quoted resource), identity policy implicit
        out.append(rec(t(10, 5, i), "s3.amazonaws.com", "GetObject", orders(), ua("nodejs20.x"), error="AccessDenied",
                       message=f'User: {sts("orders-api-role", "orders-api")} is not authorized to perform: s3:GetObject on "arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-100{i}.pdf" because no identity-based policy allows the s3:GetObject action',
                       params={"bucketName": "acme-orders-prod", "key": f"invoices/2026/11/inv-100{i}.pdf", "Host": "acme-orders-prod.s3.amazonaws.com"},
                       resources=[{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-100{i}.pdf"},
                                  {"accountId": ACCT, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::acme-orders-prod"}],
                       eventCategory="Data", managementEvent=False))
    for i in range(3):  # ListObjectsV2 with the old plain message: action and resource from the event
        out.append(rec(t(10, 6, i), "s3.amazonaws.com", "ListObjects", orders(), ua("nodejs20.x"), error="AccessDenied", message="Access Denied",
                       params={"bucketName": "acme-orders-prod", "list-type": "2", "prefix": "invoices/2026/11/", "Host": "acme-orders-prod.s3.amazonaws.com"},
                       resources=[{"accountId": ACCT, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::acme-orders-prod"}],
                       eventCategory="Data", managementEvent=False))
    out.append(rec(t(10, 7, 1), "xray.amazonaws.com", "PutTraceSegments", orders(), ua("nodejs20.x"), error="AccessDeniedException",
                   message=f"User: {sts('orders-api-role', 'orders-api')} is not authorized to perform: xray:PutTraceSegments because no identity-based policy allows the xray:PutTraceSegments action",
                   read_only=False))
    key = f"arn:aws:kms:us-east-1:{ACCT}:key/8f0c7a2e-3b1d-4d7e-9a51-6c2f0e4b9d13"
    for i in range(4):  # KMS Decrypt: key policy does not allow the role
        out.append(rec(t(11, 0, i * 7), "kms.amazonaws.com", "Decrypt", payments(), ua("java21"), error="AccessDeniedException",
                       message=f"User: {sts('payments-worker-role', 'payments-worker')} is not authorized to perform: kms:Decrypt on resource: {key} because no resource-based policy allows the kms:Decrypt action",
                       params={"encryptionAlgorithm": "SYMMETRIC_DEFAULT"}, resources=[{"accountId": ACCT, "type": "AWS::KMS::Key", "ARN": key}]))
    for i in range(2):  # Secrets Manager denied by an SCP, with the policy ARN AWS now appends
        out.append(rec(t(11, 2, i), "secretsmanager.amazonaws.com", "GetSecretValue", payments(), ua("java21"), error="AccessDeniedException",
                       message=f"User: {sts('payments-worker-role', 'payments-worker')} is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:{ACCT}:secret:prod/payments/stripe-AbCdEf with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-deny0secrets",
                       params=None))
    for i in range(3):  # DynamoDB Query on an index: identity policy lists only the table
        out.append(rec(t(12, 15, i), "dynamodb.amazonaws.com", "Query", reports(), ua("python3.12"), error="AccessDeniedException",
                       message=f"User: {sts('report-builder-role', 'report-builder')} is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:{ACCT}:table/reports/index/byDate because no identity-based policy allows the dynamodb:Query action",
                       params={"tableName": "reports", "indexName": "byDate"}))
    out.append(rec(t(12, 16, 0), "ssm.amazonaws.com", "GetParameter", reports(), ua("python3.12"), error="AccessDeniedException",
                   message=f"User: {sts('report-builder-role', 'report-builder')} is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:{ACCT}:parameter/reports/smtp-password because no permissions boundary allows the ssm:GetParameter action",
                   params={"name": "/reports/smtp-password", "withDecryption": True}))
    thumbs = lambda: lambda_identity("thumbnailer-role", "thumbnailer")
    for i in range(2):  # SQS SendMessageBatch denied by the queue policy's explicit deny
        out.append(rec(t(13, 30, i), "sqs.amazonaws.com", "SendMessageBatch", thumbs(), ua("python3.12"), error="AccessDenied",
                       message=f"User: {sts('thumbnailer-role', 'thumbnailer')} is not authorized to perform: sqs:sendmessage on resource: arn:aws:sqs:us-east-1:{ACCT}:thumbnail-results with an explicit deny in a resource-based policy",
                       params={"queueUrl": f"https://sqs.us-east-1.amazonaws.com/{ACCT}/thumbnail-results"}, read_only=False))
    alerts = lambda: lambda_identity("alerts-fanout-role", "alerts-fanout")
    out.append(rec(t(14, 0, 3), "sns.amazonaws.com", "Publish", alerts(), ua("python3.12"), error="AuthorizationError",
                   message=f"User: {sts('alerts-fanout-role', 'alerts-fanout')} is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:444455556666:ops-alerts with an explicit deny in a VPC endpoint policy transitively through a service control policy",
                   params={"topicArn": "arn:aws:sns:us-east-1:444455556666:ops-alerts"}, read_only=False))
    inv = lambda: lambda_identity("inventory-sync-role", "inventory-sync")
    encoded = "Encoded authorization failure message: " + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(940)) + "..."
    out.append(rec(t(14, 20, 0), "ec2.amazonaws.com", "DescribeInstances", inv(), ua("python3.12"), error="Client.UnauthorizedOperation",
                   message="You are not authorized to perform this operation. " + encoded, params={"instancesSet": {}, "filterSet": {}}))
    ci = {"type": "AssumedRole", "principalId": "AROACIEXAMPLE000001:GitHubActions", "arn": f"arn:aws:sts::{ACCT}:assumed-role/deploy-pipeline/GitHubActions",
          "accountId": ACCT, "accessKeyId": "ASIACIEXAMPLE0000001",
          "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROACIEXAMPLE000001", "arn": f"arn:aws:iam::{ACCT}:role/ci/deploy-pipeline",
                                               "accountId": ACCT, "userName": "deploy-pipeline"}}}
    out.append(rec(t(15, 1, 0), "lambda.amazonaws.com", "CreateEventSourceMapping20150331", ci, "aws-cli/2.18.0 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe sid/ci command/lambda.create-event-source-mapping",
                   error="InvalidParameterValueException", message="The provided execution role does not have permissions to call ReceiveMessage on SQS",
                   params={"eventSourceArn": f"arn:aws:sqs:us-east-1:{ACCT}:thumbnail-requests", "functionName": "thumbnailer", "batchSize": 10, "enabled": True}, read_only=False))
    out.append(rec(t(15, 4, 0), "lambda.amazonaws.com", "CreateFunction20150331", ci, "aws-cli/2.18.0 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0 command/lambda.create-function",
                   error="InvalidParameterValueException", message="The provided execution role does not have permissions to call CreateNetworkInterface on EC2",
                   params={"functionName": "image-resizer", "runtime": "provided.al2023", "role": f"arn:aws:iam::{ACCT}:role/service/image-resizer-role", "handler": "bootstrap",
                           "vpcConfig": {"subnetIds": ["subnet-0a1b2c3d"], "securityGroupIds": ["sg-0a1b2c3d"]}}, read_only=False))
    s3svc = {"type": "AWSService", "invokedBy": "s3.amazonaws.com"}
    for i in range(2):  # S3 notification cannot invoke the function: the function policy lacks s3.amazonaws.com
        out.append(rec(t(16, 10, i), "lambda.amazonaws.com", "Invoke", s3svc, "s3.amazonaws.com", error="AccessDeniedException",
                       message=None, params={"functionName": f"arn:aws:lambda:us-east-1:{ACCT}:function:thumbnailer", "invocationType": "Event", "sourceArn": "arn:aws:s3:::acme-uploads"},
                       resources=[{"accountId": ACCT, "type": "AWS::Lambda::Function", "ARN": f"arn:aws:lambda:us-east-1:{ACCT}:function:thumbnailer"}],
                       sourceIPAddress="s3.amazonaws.com", eventCategory="Data", managementEvent=False, read_only=False))
    # Other principals: counted, no finding
    alice = {"type": "IAMUser", "principalId": "AIDAALICEEXAMPLE0001", "arn": f"arn:aws:iam::{ACCT}:user/alice", "accountId": ACCT, "accessKeyId": "AKIAALICEEXAMPLE0001", "userName": "alice"}
    out.append(rec(t(9, 0, 0), "iam.amazonaws.com", "CreateUser", alice, "aws-cli/2.18.0", error="AccessDenied",
                   message=f"User: arn:aws:iam::{ACCT}:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::{ACCT}:user/bob because no identity-based policy allows the iam:CreateUser action",
                   params={"userName": "bob"}, read_only=False))
    sso = {"type": "AssumedRole", "principalId": "AROASSOEXAMPLE000001:carol@example.com", "arn": f"arn:aws:sts::{ACCT}:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/carol@example.com",
           "accountId": ACCT, "sessionContext": {"sessionIssuer": {"type": "Role", "arn": f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef", "accountId": ACCT, "userName": "AWSReservedSSO_ReadOnly_0123456789abcdef"}}}
    out.append(rec(t(9, 30, 0), "s3.amazonaws.com", "DeleteBucket", sso, "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.750]", error="AccessDenied",
                   message=f'User: arn:aws:sts::{ACCT}:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/carol@example.com is not authorized to perform: s3:DeleteBucket on "arn:aws:s3:::acme-scratch" with an explicit deny in an identity-based policy',
                   params={"bucketName": "acme-scratch"}, read_only=False))
    # Not denials
    out.append(rec(t(10, 8, 0), "s3.amazonaws.com", "GetObject", orders(), ua("nodejs20.x"), error="NoSuchKey", message="The specified key does not exist.",
                   params={"bucketName": "acme-orders-prod", "key": "invoices/missing.pdf"}, eventCategory="Data", managementEvent=False))
    out.append(rec(t(10, 9, 0), "dynamodb.amazonaws.com", "PutItem", reports(), ua("python3.12"), error="ThrottlingException", message="Rate exceeded",
                   params={"tableName": "reports"}, read_only=False))
    return out


def successes(n):
    fns = [("orders-api-role", "orders-api", "/service/", "nodejs20.x"), ("payments-worker-role", "payments-worker", "/service/payments/", "java21"),
           ("report-builder-role", "report-builder", "/", "python3.12")]
    calls = [("dynamodb.amazonaws.com", "GetItem", {"tableName": "orders"}), ("s3.amazonaws.com", "PutObject", {"bucketName": "acme-orders-prod", "key": "tmp/x.json"}),
             ("sqs.amazonaws.com", "SendMessage", {"queueUrl": f"https://sqs.us-east-1.amazonaws.com/{ACCT}/orders"}), ("kms.amazonaws.com", "GenerateDataKey", {"keySpec": "AES_256"}),
             ("logs.amazonaws.com", "CreateLogStream", {"logGroupName": "/aws/lambda/orders-api"})]
    out = []
    for i in range(n):
        role, fn, path, rt = fns[i % len(fns)]
        src, name, params = calls[i % len(calls)]
        out.append(rec(f"2026-11-20T{8 + i % 9:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z", src, name, lambda_identity(role, fn, path), ua(rt), params=params))
    return out


def write_log(region, stamp, records):
    folder = os.path.join(ROOT, "AWSLogs", ACCT, "CloudTrail", region, "2026", "11", "20")
    os.makedirs(folder, exist_ok=True)
    name = f"{ACCT}_CloudTrail_{region}_{stamp}_{uid().replace('-', '')[:16]}.json.gz"
    body = json.dumps({"Records": records}, separators=(",", ":")).encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(gzip.compress(body, mtime=0))


def envelope(record):
    return {"version": "0", "id": uid(), "detail-type": "AWS API Call via CloudTrail", "source": "aws." + record["eventSource"].split(".")[0],
            "account": ACCT, "time": record["eventTime"], "region": record["awsRegion"], "resources": [], "detail": record}


def extra_events(events):
    """Single events added later, from their own seed so the archive above keeps its bytes."""
    own = random.Random(20261207)
    oid = lambda: str(uuid.UUID(int=own.getrandbits(128), version=4))
    ci = {"type": "AssumedRole", "principalId": "AROACIEXAMPLE000001:GitHubActions", "arn": f"arn:aws:sts::{ACCT}:assumed-role/deploy-pipeline/GitHubActions",
          "accountId": ACCT, "accessKeyId": "ASIACIEXAMPLE0000001",
          "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROACIEXAMPLE000001", "arn": f"arn:aws:iam::{ACCT}:role/ci/deploy-pipeline",
                                               "accountId": ACCT, "userName": "deploy-pipeline"}}}
    sync = {"type": "AssumedRole", "principalId": "AROASYNCEXAMPLE00001:inventory-sync", "arn": f"arn:aws:sts::{ACCT}:assumed-role/inventory-sync-role/inventory-sync",
            "accountId": ACCT, "accessKeyId": "ASIASYNCEXAMPLE00001",
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROASYNCEXAMPLE00001", "arn": f"arn:aws:iam::{ACCT}:role/service/inventory-sync-role",
                                                 "accountId": ACCT, "userName": "inventory-sync-role"},
                               "attributes": {"creationDate": "2026-11-20T13:58:01Z", "mfaAuthenticated": "false"}}}
    auth_id = "k7q2m9x4p1w8z3v6b5n0"
    written = {
        # The IAM UG's authorization-ID form (IAM Access Troubleshooter): the message ends with the console link and the ID.
        "iam-authorization-id-implicit.json": rec("2026-11-20T14:02:00Z", "iam.amazonaws.com", "CreateInstanceProfile", sync, ua("python3.12"), error="AccessDenied",
            message=f"User: {sts('inventory-sync-role', 'inventory-sync')} is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::{ACCT}:instance-profile/inventory-workers "
                    f"because no identity-based policy allows the iam:CreateInstanceProfile action. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/{auth_id} "
                    f"for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: {auth_id}",
            params={"instanceProfileName": "inventory-workers"}, read_only=False),
        # Lambda cannot assume the role: its trust policy does not allow lambda.amazonaws.com.
        "lambda-trust-policy-rejection.json": rec("2026-11-20T15:06:00Z", "lambda.amazonaws.com", "CreateFunction20150331", ci,
            "aws-cli/2.18.0 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0 command/lambda.create-function",
            error="InvalidParameterValueException", message="The role defined for the function cannot be assumed by Lambda.",
            params={"functionName": "alerts-fanout", "runtime": "python3.12", "role": f"arn:aws:iam::{ACCT}:role/service/alerts-fanout-role", "handler": "app.handler"}, read_only=False),
    }
    for fname, r in written.items():
        r["requestID"] = oid()
        r["eventID"] = oid()
        e = envelope(r)
        e["id"] = oid()
        with open(os.path.join(events, fname), "w") as f:
            json.dump(e, f, indent=2)
            f.write("\n")


def main():
    import shutil
    shutil.rmtree(os.path.join(ROOT, "AWSLogs"), ignore_errors=True)
    d = denials(20)
    ok = successes(120)
    mixed = d + ok
    rng.shuffle(mixed)
    half = len(mixed) // 2
    write_log("us-east-1", "20261120T1005Z", mixed[:half])
    write_log("us-east-1", "20261120T1610Z", mixed[half:])
    write_log("eu-west-1", "20261120T1200Z", successes(40))
    events = os.path.join(ROOT, "events")
    os.makedirs(events, exist_ok=True)
    pick = {"kms-decrypt-key-policy.json": ("kms.amazonaws.com", "Decrypt"), "secretsmanager-scp-explicit-deny.json": ("secretsmanager.amazonaws.com", "GetSecretValue"),
            "s3-listobjectsv2-plain-access-denied.json": ("s3.amazonaws.com", "ListObjects"), "ec2-encoded-authorization-message.json": ("ec2.amazonaws.com", "DescribeInstances"),
            "lambda-esm-role-lacks-receivemessage.json": ("lambda.amazonaws.com", "CreateEventSourceMapping20150331"), "s3-getobject-identity-implicit.json": ("s3.amazonaws.com", "GetObject")}
    for fname, (src, name) in pick.items():
        r = next(x for x in d if x["eventSource"] == src and x["eventName"] == name and x.get("errorCode") not in (None, "NoSuchKey"))
        with open(os.path.join(events, fname), "w") as f:
            json.dump(envelope(r), f, indent=2)
            f.write("\n")
    extra_events(events)
    functions = {"Functions": [
        {"FunctionName": fn, "FunctionArn": f"arn:aws:lambda:us-east-1:{ACCT}:function:{fn}", "Runtime": rt, "Role": f"arn:aws:iam::{ACCT}:role{path}{role}", "Handler": "index.handler"}
        for role, fn, path, rt in [("orders-api-role", "orders-api", "/service/", "nodejs20.x"), ("payments-worker-role", "payments-worker", "/service/payments/", "java21"),
                                   ("report-builder-role", "report-builder", "/", "python3.12"), ("thumbnailer-role", "thumbnailer", "/service/", "python3.12"),
                                   ("alerts-fanout-role", "alerts-fanout", "/service/", "python3.12"), ("inventory-sync-role", "inventory-sync", "/service/", "python3.12")]]}
    with open(os.path.join(ROOT, "functions.json"), "w") as f:
        json.dump(functions, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
