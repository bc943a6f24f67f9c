"""Reference SigV4 signature from botocore for a request our .NET client captured.

Input (stdin, JSON): {"method", "url", "headers": {name: value}, "body_base64", "region", "service",
"access_key", "secret_key", "token" (or null), "signed_at" ("20240102T030405Z")}.
Output (stdout): the Authorization header botocore computes, on one line.

The headers passed in are the ones the client sent minus Authorization, X-Amz-Date and
X-Amz-Security-Token, which botocore adds itself. botocore signs x-amz-content-sha256 only for S3,
so the client's value is passed through as an ordinary header: both sides then sign the same
canonical request. The clock is fixed by replacing botocore.auth's datetime class.
"""
import base64
import datetime as _dt
import json
import sys

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    spec = json.load(sys.stdin)
    fixed = _dt.datetime.strptime(spec["signed_at"], "%Y%m%dT%H%M%SZ")

    class FixedDateTime(_dt.datetime):
        @classmethod
        def utcnow(cls):
            return fixed

        @classmethod
        def now(cls, tz=None):
            return fixed.replace(tzinfo=tz) if tz is not None else fixed

    botocore.auth.datetime.datetime = FixedDateTime
    request = AWSRequest(
        method=spec["method"],
        url=spec["url"],
        headers=spec["headers"],
        data=base64.b64decode(spec["body_base64"]),
    )
    credentials = Credentials(spec["access_key"], spec["secret_key"], spec.get("token"))
    botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
    sys.stderr.write("botocore %s\n" % botocore.__version__)
    print(request.headers["Authorization"])


if __name__ == "__main__":
    main()
