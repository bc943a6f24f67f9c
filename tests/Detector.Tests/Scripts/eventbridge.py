"""EventBridge on moto for Detector.Tests: a rule with the project's event pattern targeting a queue, and PutEvents.

usage: eventbridge.py ENDPOINT QUEUE_ARN PATTERN_FILE < entries.json
entries.json: [{"Source": ..., "DetailType": ..., "Detail": "<json text>"}, ...]
prints: {"put": N, "failed": N}
"""
import json
import sys

import boto3


def main() -> None:
    endpoint, queue_arn, pattern_file = sys.argv[1:4]
    events = boto3.client("events", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    with open(pattern_file, encoding="utf-8") as f:
        pattern = f.read()
    # The template's rule runs in this state so read-only management events are delivered too.
    events.put_rule(Name="denied-access-denied", EventPattern=pattern,
                    State="ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
    events.put_targets(Rule="denied-access-denied", Targets=[{"Id": "buffer-queue", "Arn": queue_arn}])
    entries = json.load(sys.stdin)
    failed = 0
    for i in range(0, len(entries), 10):
        response = events.put_events(Entries=entries[i:i + 10])
        failed += response.get("FailedEntryCount", 0)
    print(json.dumps({"put": len(entries), "failed": failed}))


if __name__ == "__main__":
    main()
