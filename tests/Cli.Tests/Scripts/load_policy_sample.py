"""Recreates a samples/policies/CASE folder in moto, in moto's account: the roles with their trust, inline,
customer managed and boundary policies; the resource policies (buckets, KMS keys); the organization with the
sample's SCPs attached to the account; plus the resources the event names that carry no policy.
AWS managed policies are left out: moto does not load them by default, and the samples' only one
(AWSLambdaBasicExecutionRole) allows logs actions no sample is about.
Usage: load_policy_sample.py ENDPOINT FOLDER. Prints {"old ARN": "moto's ARN"} for what moto names itself
(a KMS key's ID, a secret's random suffix): the caller rewrites the event with it."""
import sys, os, json, boto3

endpoint, folder = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
SAMPLE, MOTO = "111122223333", "123456789012"
subst = {SAMPLE: MOTO}


def text(name):
    t = open(os.path.join(folder, name)).read()
    for old, new in subst.items():
        t = t.replace(old, new)
    return t


event = json.loads(text("event.json"))["detail"]
s3, kms, iam = boto3.client("s3", **kw), boto3.client("kms", **kw), boto3.client("iam", **kw)
for arn, doc in json.loads(text("resource-policies.json")).items():
    if arn.startswith("arn:aws:s3:::"):
        bucket = arn.split(":::")[1]
        s3.create_bucket(Bucket=bucket)
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(doc))
    elif ":kms:" in arn:
        key = kms.create_key(Policy=doc["Policy"] if "Policy" in doc else json.dumps(doc))["KeyMetadata"]["Arn"]
        subst[arn] = key

# The resources the event names that have no policy of their own.
params = event.get("requestParameters") or {}
if event["eventSource"] == "s3.amazonaws.com" and params.get("bucketName") and not any(params["bucketName"] in a for a in subst):
    try:
        s3.create_bucket(Bucket=params["bucketName"])
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
if event["eventSource"] == "dynamodb.amazonaws.com":
    boto3.client("dynamodb", **kw).create_table(
        TableName=params["tableName"], KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
if event["eventSource"] == "secretsmanager.amazonaws.com":
    old = params.get("secretId") or event["errorMessage"].split("on resource: ")[1].split(" ")[0]
    name = old.split(":secret:")[1].rsplit("-", 1)[0]
    subst[old.replace(SAMPLE, MOTO)] = boto3.client("secretsmanager", **kw).create_secret(Name=name, SecretString="x")["ARN"]

details = json.loads(text("authorization-details.json"))
for p in details["Policies"]:
    if p["Arn"].startswith("arn:aws:iam::aws:"):
        continue
    doc = next(v["Document"] for v in p["PolicyVersionList"] if v["IsDefaultVersion"])
    iam.create_policy(PolicyName=p["PolicyName"], Path=p.get("Path", "/"), PolicyDocument=json.dumps(doc))
for r in details["RoleDetailList"]:
    args = dict(RoleName=r["RoleName"], Path=r["Path"], AssumeRolePolicyDocument=json.dumps(r["AssumeRolePolicyDocument"]))
    if "PermissionsBoundary" in r:
        args["PermissionsBoundary"] = r["PermissionsBoundary"]["PermissionsBoundaryArn"]
    iam.create_role(**args)
    for p in r["RolePolicyList"]:
        iam.put_role_policy(RoleName=r["RoleName"], PolicyName=p["PolicyName"], PolicyDocument=json.dumps(p["PolicyDocument"]))
    for p in r["AttachedManagedPolicies"]:
        if not p["PolicyArn"].startswith("arn:aws:iam::aws:"):
            iam.attach_role_policy(RoleName=r["RoleName"], PolicyArn=p["PolicyArn"])

# moto's account is its organization's management account; the sample's SCPs are attached to it directly.
org = boto3.client("organizations", **kw)
org.create_organization(FeatureSet="ALL")
root = org.list_roots()["Roots"][0]["Id"]
org.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
for p in json.loads(text("organization-policies.json"))["policies"]:
    if p["name"] != "FullAWSAccess":
        created = org.create_policy(Content=p["document"], Description="", Name=p["name"], Type=p["type"])["Policy"]["PolicySummary"]["Id"]
        org.attach_policy(PolicyId=created, TargetId=MOTO)

del subst[SAMPLE]
print(json.dumps(subst))
