namespace Denied.Cli;

/// <summary>
/// What a scan will read, known once the folder or prefix is listed (before the first file is read): the files'
/// sizes in reading order, for progress totals, and the files skipped by name.
/// </summary>
public sealed class ScanListing
{
    private readonly List<long> _sizes = [];
    private readonly List<long> _bytesBefore = [0];

    public LogFileFilter Filter { get; } = new();

    public int Files => _sizes.Count;
    public long TotalBytes => _bytesBefore[^1];

    public void Add(long size)
    {
        _sizes.Add(Math.Max(0, size));
        _bytesBefore.Add(_bytesBefore[^1] + Math.Max(0, size));
    }

    /// <summary>The bytes of the first <paramref name="files"/> files.</summary>
    public long BytesOf(int files) => _bytesBefore[Math.Clamp(files, 0, _sizes.Count)];
}
