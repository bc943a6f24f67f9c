"""Test helper for Notifier.Tests: talks to a moto server with boto3.

  setup ENDPOINT                      create an SNS topic and an SQS queue subscribed to it; prints {"topicArn","queueUrl"}
  stream ENDPOINT TABLE               every record of the table's stream, as a Lambda DynamoDB stream event {"Records":[...]}
  receive ENDPOINT QUEUE_URL          every message waiting in the queue (body and attributes), deleting them
"""
import base64
import datetime
import json
import sys

import boto3


def client(service, endpoint):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def setup(endpoint):
    sns, sqs = client("sns", endpoint), client("sqs", endpoint)
    topic = sns.create_topic(Name="denied-findings")["TopicArn"]
    url = sqs.create_queue(QueueName="denied-subscriber")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    print(json.dumps({"topicArn": topic, "queueUrl": url}))


def plain(value):
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    raise TypeError(type(value))


def stream(endpoint, table):
    ddb, streams = client("dynamodb", endpoint), client("dynamodbstreams", endpoint)
    arn = ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=1000)
            for r in page["Records"]:
                r["eventSourceARN"] = arn
                records.append(r)
            iterator = page.get("NextShardIterator") if page["Records"] else None
    print(json.dumps({"Records": records}, default=plain))


def receive(endpoint, url):
    sqs = client("sqs", endpoint)
    out = []
    while True:
        page = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0, MessageAttributeNames=["All"])
        messages = page.get("Messages", [])
        if not messages:
            break
        for m in messages:
            out.append({"body": m["Body"], "attributes": m.get("MessageAttributes", {})})
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    print(json.dumps(out))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"setup": setup, "stream": stream, "receive": receive}[command](*args)
