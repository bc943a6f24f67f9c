using Denied.Policies;

namespace Denied.Core.Tests.Policies;

public sealed class ConditionOperatorTests
{
    [Theory]
    [InlineData("StringEquals", ConditionOperatorFamily.String, false, SetQualifier.None, false)]
    [InlineData("StringNotEqualsIgnoreCase", ConditionOperatorFamily.StringIgnoreCase, true, SetQualifier.None, false)]
    [InlineData("ForAnyValue:StringLikeIfExists", ConditionOperatorFamily.StringLike, false, SetQualifier.ForAnyValue, true)]
    [InlineData("ForAllValues:StringNotLike", ConditionOperatorFamily.StringLike, true, SetQualifier.ForAllValues, false)]
    [InlineData("NumericLessThanEqualsIfExists", ConditionOperatorFamily.Numeric, false, SetQualifier.None, true)]
    [InlineData("DateGreaterThan", ConditionOperatorFamily.Date, false, SetQualifier.None, false)]
    [InlineData("DateNotEquals", ConditionOperatorFamily.Date, true, SetQualifier.None, false)]
    [InlineData("BoolIfExists", ConditionOperatorFamily.Bool, false, SetQualifier.None, true)]
    [InlineData("BinaryEquals", ConditionOperatorFamily.Binary, false, SetQualifier.None, false)]
    [InlineData("NotIpAddress", ConditionOperatorFamily.IpAddress, true, SetQualifier.None, false)]
    [InlineData("ArnNotLike", ConditionOperatorFamily.Arn, true, SetQualifier.None, false)]
    [InlineData("ArnEquals", ConditionOperatorFamily.Arn, false, SetQualifier.None, false)]
    [InlineData("Null", ConditionOperatorFamily.Null, false, SetQualifier.None, false)]
    public void EveryDocumentedOperatorParses(string name, ConditionOperatorFamily family, bool negated, SetQualifier qualifier, bool ifExists)
    {
        var op = ConditionOperator.Parse(name)!;
        Assert.Equal((family, negated, qualifier, ifExists), (op.Family, op.Negated, op.Qualifier, op.IfExists));
    }

    [Theory]
    [InlineData("NumericLessThan", ConditionComparison.Less)]
    [InlineData("NumericGreaterThanEquals", ConditionComparison.GreaterOrEqual)]
    [InlineData("DateLessThanEquals", ConditionComparison.LessOrEqual)]
    [InlineData("DateGreaterThan", ConditionComparison.Greater)]
    public void OrderingOperatorsCarryTheirComparison(string name, ConditionComparison comparison) =>
        Assert.Equal(comparison, ConditionOperator.Parse(name)!.Comparison);

    [Theory]
    [InlineData("StringEqualsAny")]
    [InlineData("NullIfExists")]
    [InlineData("ForSomeValues:StringEquals")]
    [InlineData("")]
    public void UndocumentedOperatorsAreRefused(string name) => Assert.Null(ConditionOperator.Parse(name));
}
