using System.Text.RegularExpressions;

namespace Denied.Classification;

/// <summary>One row of the message catalogue: a named pattern and how its groups become fields.</summary>
/// <param name="Name">Stable row name, naming the message form for people reading the catalogue.</param>
/// <param name="Regex">Source-generated, bounded pattern with named groups (<see cref="SafeRegex"/>).</param>
/// <param name="Build">Turns a successful match into the parsed fields.</param>
internal sealed record MessagePattern(string Name, Regex Regex, Func<Match, ParsedDenialMessage> Build);
