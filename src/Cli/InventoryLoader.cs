using Denied.Principals;

namespace Denied.Cli;

/// <summary>Loads the optional --functions inventory, failing with a message that names the file.</summary>
public static class InventoryLoader
{
    public static FunctionInventory? Load(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            using var stream = file.OpenRead();
            return FunctionInventory.Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
        {
            throw new CliInputException($"--functions {file.FullName}: {e.Message}");
        }
    }
}

/// <summary>A problem with what the user gave us, reported as one line and exit code 2.</summary>
public sealed class CliInputException(string message) : Exception(message);
