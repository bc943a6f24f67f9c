"""Print a CloudFormation template as JSON, expanding the SAM transform when the template has one.

Usage: python3 expand_template.py TEMPLATE.yaml

YAML short forms (!Ref, !Sub, ...) are read with cfn-lint's loader, so the output uses the long
forms ({"Ref": ...}, {"Fn::Sub": ...}). aws-sam-translator needs a region and s3:// code
locations (SAM CLI uploads local CodeUris before transforming), so this script sets
AWS_DEFAULT_REGION when absent and replaces local CodeUris with a placeholder object. Managed
policy names are never resolved: our functions use explicit roles.
"""
import json
import os
import sys

from cfnlint.decode import decode


class _NoManagedPolicies:
    def load(self):
        return {}


def main(path):
    template, matches = decode(path)
    if matches:
        for m in matches:
            print(m, file=sys.stderr)
        return 2
    transform = template.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    if "AWS::Serverless-2016-10-31" in names:
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        from samtranslator.translator.transform import transform as sam_transform

        for resource in template.get("Resources", {}).values():
            if resource.get("Type") == "AWS::Serverless::Function":
                props = resource.setdefault("Properties", {})
                if not str(props.get("CodeUri", "")).startswith("s3://"):
                    props["CodeUri"] = "s3://denied-template-tests/code.zip"
        template = sam_transform(json.loads(json.dumps(template)), {}, _NoManagedPolicies())
    json.dump(template, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
