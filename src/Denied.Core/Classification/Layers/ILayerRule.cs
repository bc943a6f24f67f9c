namespace Denied.Classification.Layers;

/// <summary>One small rule of <see cref="LayerClassifier"/>'s ordered table; the first non-null decision wins.</summary>
internal interface ILayerRule
{
    /// <summary>The decision, or null when this rule does not apply.</summary>
    LayerDecision? Decide(LayerRuleContext context);
}
