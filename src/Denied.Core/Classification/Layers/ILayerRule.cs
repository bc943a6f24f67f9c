namespace Denied.Classification.Layers;

/// <summary>One small rule of <see cref="LayerClassifier"/>'s ordered table; the first non-null decision wins.</summary>
internal interface ILayerRule
{
    /// <summary>Stable id of the rule, kept in the diagnosis' evidence ("policy-type-in-message"); never renamed.</summary>
    string Id { get; }

    /// <summary>The decision, or null when this rule does not apply.</summary>
    LayerDecision? Decide(LayerRuleContext context);
}
