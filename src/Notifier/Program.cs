using Denied.LambdaRuntime;
using Denied.Notifier;

return await LambdaBootstrap.RunAsync(NotifierComposition.InitAsync);
