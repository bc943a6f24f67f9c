"""Put one event through an EventBridge rule on a moto server and report whether it was delivered.

Usage: python3 event_pattern_delivery.py ENDPOINT_URL PATTERN.json EVENT.json

EVENT.json is an EventBridge envelope as CloudTrail delivers it ("source", "detail-type",
"detail"). The script creates a queue and a rule with the pattern, in the state the templates use,
on the default bus, puts the event, and prints {"delivered": N} (messages that reached the queue).
moto evaluates patterns with its own matcher (wildcard, $or, prefix, ... supported in moto 5.x);
it is an emulation of EventBridge, not EventBridge itself.
"""
import json
import sys
import uuid

import boto3


def main(endpoint, pattern_path, event_path):
    with open(pattern_path, encoding="utf-8") as f:
        pattern = f.read()
    with open(event_path, encoding="utf-8") as f:
        event = json.load(f)
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    sqs = session.client("sqs", endpoint_url=endpoint)
    events = session.client("events", endpoint_url=endpoint)

    name = "denied-" + uuid.uuid4().hex[:12]
    queue_url = sqs.create_queue(QueueName=name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name=name, EventPattern=pattern, State="ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
    events.put_targets(Rule=name, Targets=[{"Id": "queue", "Arn": queue_arn}])

    result = events.put_events(
        Entries=[
            {
                "Source": event["source"],
                "DetailType": event["detail-type"],
                "Detail": json.dumps(event["detail"]),
            }
        ]
    )
    if result["FailedEntryCount"]:
        print(json.dumps({"error": result["Entries"]}))
        return 3

    delivered = 0
    while True:
        batch = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0)
        messages = batch.get("Messages", [])
        if not messages:
            break
        delivered += len(messages)
        for m in messages:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=m["ReceiptHandle"])
    print(json.dumps({"delivered": delivered}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
