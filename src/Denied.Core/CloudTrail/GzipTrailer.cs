using System.Buffers.Binary;

namespace Denied.CloudTrail;

/// <summary>
/// GZipStream ends quietly where a truncated file is cut: a .gz cut inside its first block decompresses to nothing,
/// and its records would vanish without an error. A gzip member ends with ISIZE, the uncompressed length mod 2^32
/// (RFC 1952), which a seekable file lets us compare with what was read. CloudTrail writes one member per object.
/// </summary>
internal static class GzipTrailer
{
    // Header (10) + an empty deflate block (2) + CRC32 and ISIZE (8): the shortest complete gzip file.
    private const int ShortestMember = 20;

    /// <summary>Why the file must be truncated, or null when its trailer agrees (or the stream cannot be checked).</summary>
    public static string? Truncation(Stream compressed, long decompressedBytes)
    {
        // An empty file is empty, as a plain .json of 0 bytes is.
        if (!compressed.CanSeek || compressed.Length == 0)
        {
            return null;
        }

        try
        {
            if (compressed.Length < ShortestMember)
            {
                return $"the .gz file is truncated: {compressed.Length} bytes, shorter than any complete gzip file";
            }

            Span<byte> isize = stackalloc byte[4];
            compressed.Seek(-4, SeekOrigin.End);
            compressed.ReadExactly(isize);
            var expected = BinaryPrimitives.ReadUInt32LittleEndian(isize);
            return expected == (uint)decompressedBytes
                ? null
                : $"the .gz file is truncated or damaged: its trailer says {expected} bytes, {decompressedBytes} were read";
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            return null;
        }
    }
}
