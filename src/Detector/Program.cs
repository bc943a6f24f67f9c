using Denied.Detector;
using Denied.LambdaRuntime;

return await LambdaBootstrap.RunAsync(DetectorComposition.InitAsync);
