#!/usr/bin/env python3
"""Writes samples/policies/<case>/: a CloudTrail event and the three offline policy files for `denied explain`
(--authorization-details, --resource-policies, --organization-policies), one case per way a policy decides a
denial. The events are the bundled samples/events/ records (or copies of one with the fields the case needs);
authorization-details.json has the shape of `aws iam get-account-authorization-details`, resource-policies.json
maps resource ARNs to their policies, organization-policies.json holds SCPs/RCPs with their targets and the
account's path in the organization. Deterministic. Run: python3 samples/policies/make_policy_samples.py
"""
import copy, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
EVENTS = os.path.join(HERE, "..", "events")
ACCT = "111122223333"
PARTNER = "444455556666"
V = "2012-10-17"
LAMBDA_TRUST = {"Version": V, "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
FULL_ACCESS = {"id": "p-FullAWSAccess", "arn": "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
               "name": "FullAWSAccess", "type": "SERVICE_CONTROL_POLICY",
               "document": json.dumps({"Version": V, "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
               "targets": ["r-a1b2", "ou-a1b2-prod0001", ACCT]}
PATHS = {ACCT: ["r-a1b2", "ou-a1b2-prod0001"]}


def event(name):
    with open(os.path.join(EVENTS, name + ".json")) as f:
        return json.load(f)


def role(name, path, inline=(), attached=(), boundary=None, trust=LAMBDA_TRUST):
    """A RoleDetailList entry: inline is [(PolicyName, document)], attached [policy ARN]."""
    entry = {"Path": path, "RoleName": name, "RoleId": "AROA" + name.upper().replace("-", "")[:17].ljust(17, "X"),
             "Arn": f"arn:aws:iam::{ACCT}:role{path}{name}", "CreateDate": "2026-03-02T08:15:00Z",
             "AssumeRolePolicyDocument": trust, "InstanceProfileList": [],
             "RolePolicyList": [{"PolicyName": n, "PolicyDocument": d} for n, d in inline],
             "AttachedManagedPolicies": [{"PolicyName": a.rsplit("/", 1)[1], "PolicyArn": a} for a in attached], "Tags": []}
    if boundary:
        entry["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary}
    return entry


def managed(arn, document):
    return {"PolicyName": arn.rsplit("/", 1)[1], "PolicyId": "ANPA" + arn.rsplit("/", 1)[1].upper().replace("-", "")[:17].ljust(17, "X"),
            "Arn": arn, "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": True,
            "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True, "CreateDate": "2026-03-02T08:15:00Z"}]}


BASIC_DOCUMENT = {"Version": V, "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}


def details(roles, policies=()):
    """With the default version of every attached managed policy (AWSLambdaBasicExecutionRole's as AWS publishes it)."""
    listed = list(policies)
    if any(BASIC in r["AttachedManagedPolicies"][i]["PolicyArn"] for r in roles for i in range(len(r["AttachedManagedPolicies"]))):
        listed.append(managed(BASIC, BASIC_DOCUMENT))
    return {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": roles, "Policies": listed}


def organization(*policies):
    return {"policies": [FULL_ACCESS, *policies], "accountPaths": PATHS}


def write(case, record, authorization, resources, org):
    folder = os.path.join(HERE, case)
    os.makedirs(folder, exist_ok=True)
    for name, value in (("event.json", record), ("authorization-details.json", authorization),
                        ("resource-policies.json", resources), ("organization-policies.json", org)):
        with open(os.path.join(folder, name), "w") as f:
            json.dump(value, f, indent=2)
            f.write("\n")


ORDERS = event("s3-getobject-identity-implicit")
ORDERS_OBJECT = "arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1000.pdf"

# 1. The identity policy allows s3:GetObject, but on another prefix of the bucket: edit that statement's Resource.
write("identity-allow-wrong-resource", ORDERS,
      details([role("orders-api-role", "/service/", inline=[("orders-bucket", {"Version": V, "Statement": [
          {"Sid": "ReadExports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-orders-prod/exports/*"}]})],
                    attached=[BASIC])]),
      {}, organization())

# 2. An explicit Deny in the role's own policy, applying because the call came through another VPC endpoint.
vpce = copy.deepcopy(ORDERS)
vpce["id"] = "3e1d4c5b-6a79-4b8c-9d0e-1f2a3b4c5d6e"
vpce["detail"]["eventID"] = "0d6c2a4e-8f1b-4c3d-a5e7-9b0c1d2e3f40"
vpce["detail"]["errorMessage"] = ("User: arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api is not authorized to perform: "
                                  "s3:GetObject on resource: \"arn:aws:s3:::acme-orders-prod/invoices/2026/11/inv-1000.pdf\" "
                                  "with an explicit deny in an identity-based policy")
vpce["detail"]["vpcEndpointId"] = "vpce-0f9e8d7c6b5a40321"
vpce["detail"]["vpcEndpointAccountId"] = ACCT
write("explicit-deny-source-vpce", vpce,
      details([role("orders-api-role", "/service/", inline=[("orders-bucket", {"Version": V, "Statement": [
          {"Sid": "ReadInvoices", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-orders-prod/invoices/*"},
          {"Sid": "OnlyThroughOrdersEndpoint", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
           "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0123456789abcdef0"}}}]})])]),
      {}, organization())

# 3. The identity policy allows dynamodb:PutItem; the permissions boundary allows only reads.
put = copy.deepcopy(ORDERS)
table = f"arn:aws:dynamodb:us-east-1:{ACCT}:table/Orders"
put["id"] = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"
put["source"] = "aws.dynamodb"
d = put["detail"]
d.update({"eventSource": "dynamodb.amazonaws.com", "eventName": "PutItem", "eventID": "7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
          "errorCode": "AccessDeniedException",
          "errorMessage": ("User: arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api is not authorized to perform: "
                           f"dynamodb:PutItem on resource: {table} because no permissions boundary allows the dynamodb:PutItem action"),
          "requestParameters": {"tableName": "Orders", "key": {"orderId": "HIDDEN_DUE_TO_SECURITY_REASONS"}},
          "readOnly": False, "resources": [{"accountId": ACCT, "type": "AWS::DynamoDB::Table", "ARN": table}]})
write("boundary-lacks-action", put,
      details([role("orders-api-role", "/service/", inline=[("orders-table", {"Version": V, "Statement": [
          {"Sid": "WriteOrders", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": table}]})],
                    boundary=f"arn:aws:iam::{ACCT}:policy/lambda-read-only-boundary")],
              [managed(f"arn:aws:iam::{ACCT}:policy/lambda-read-only-boundary", {"Version": V, "Statement": [
                  {"Sid": "ReadTables", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": f"arn:aws:dynamodb:us-east-1:{ACCT}:table/*"}]})]),
      {}, organization())

# 4. A partner's bucket (another account): the role may read it, but the bucket policy grants another role.
cross = copy.deepcopy(ORDERS)
partner_object = "arn:aws:s3:::partner-exports-444455556666/daily/2026-11-20.csv"
cross["id"] = "9c8b7a6d-5e4f-4321-8a0b-1c2d3e4f5a6b"
d = cross["detail"]
d.update({"eventID": "2f3e4d5c-6b7a-4891-8c0d-1e2f3a4b5c6d",
          "errorMessage": ("User: arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api is not authorized to perform: "
                           f"s3:GetObject on resource: \"{partner_object}\" because no resource-based policy allows the s3:GetObject action"),
          "requestParameters": {"bucketName": "partner-exports-444455556666", "key": "daily/2026-11-20.csv", "Host": "partner-exports-444455556666.s3.amazonaws.com"},
          "resources": [{"type": "AWS::S3::Object", "ARN": partner_object},
                        {"accountId": PARTNER, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::partner-exports-444455556666"}]})
write("cross-account-bucket-other-role", cross,
      details([role("orders-api-role", "/service/", inline=[("partner-exports", {"Version": V, "Statement": [
          {"Sid": "ReadPartnerExports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::partner-exports-444455556666/daily/*"}]})])]),
      {"arn:aws:s3:::partner-exports-444455556666": {"Version": V, "Statement": [
          {"Sid": "ReportsBuilderReads", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:role/service/reports-builder-role"},
           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::partner-exports-444455556666/daily/*"}]}},
      organization())

# 5. A key policy that grants the role only kms:Encrypt and does not delegate to IAM (no account-principal statement).
key = "arn:aws:kms:us-east-1:111122223333:key/8f0c7a2e-3b1d-4d7e-9a51-6c2f0e4b9d13"
payments_role = f"arn:aws:iam::{ACCT}:role/service/payments/payments-worker-role"
write("kms-key-policy-without-delegation", event("kms-decrypt-key-policy"),
      details([role("payments-worker-role", "/service/payments/", inline=[("payments-key", {"Version": V, "Statement": [
          {"Sid": "UsePaymentsKey", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt"], "Resource": key}]})])]),
      {key: {"Policy": json.dumps({"Version": V, "Id": "payments-key-policy", "Statement": [
          {"Sid": "KeyAdministrators", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:role/admin/key-admin"},
           "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*",
                      "kms:Get*", "kms:Delete*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], "Resource": "*"},
          {"Sid": "PaymentsWorkerEncrypts", "Effect": "Allow", "Principal": {"AWS": payments_role},
           "Action": ["kms:Encrypt", "kms:GenerateDataKey"], "Resource": "*"}]})}},
      organization())

# 6. The function's role trusts EC2, not Lambda.
write("trust-policy-without-lambda", event("lambda-trust-policy-rejection"),
      details([role("alerts-fanout-role", "/service/", attached=[BASIC],
                    trust={"Version": V, "Statement": [{"Sid": "Ec2Assumes", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})]),
      {}, organization())

# 7. An SCP denies production secrets to every role but the secrets readers.
write("scp-deny", event("secretsmanager-scp-explicit-deny"),
      details([role("payments-worker-role", "/service/payments/", inline=[("payments-secrets", {"Version": V, "Statement": [
          {"Sid": "ReadStripeKey", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
           "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/stripe-*"}]})])]),
      {},
      organization({"id": "p-deny0secrets", "arn": "arn:aws:organizations::999988887777:policy/o-a1b2c3d4e5/service_control_policy/p-deny0secrets",
                    "name": "ProdSecretsForReadersOnly", "type": "SERVICE_CONTROL_POLICY",
                    "document": json.dumps({"Version": V, "Statement": [
                        {"Sid": "DenyProdSecretsToOthers", "Effect": "Deny", "Action": "secretsmanager:GetSecretValue",
                         "Resource": "arn:aws:secretsmanager:*:*:secret:prod/*",
                         "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/secrets-readers/*"}}}]}),
                    "targets": ["ou-a1b2-prod0001"]}))
