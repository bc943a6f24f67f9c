using Amazon.Runtime;

namespace Denied.AwsClients;

/// <summary>DefaultRequest wants an originating SDK request object; ours carry no data of their own.</summary>
internal sealed class UnsignedOperation : AmazonWebServiceRequest;
