using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Denied.CloudTrail;

/// <summary>
/// Finds where a JSON object ends by tracking only what can hide or move its closing brace: strings (and the
/// backslash escapes in them), comments, and the nesting of objects and arrays, each closed by its own kind of
/// bracket. Nothing else in the object is read, so finding the end of a record costs a vector compare per 64 bytes
/// and a step per quote or bracket, not a JSON tokenizer's step per token (which was a third of a scan's CPU).
/// </summary>
/// <remarks>
/// What it refuses, as the tokenizer did: a bracket that closes the other kind (<c>{"a":[}</c>) and nesting past
/// <see cref="MaxDepth"/>. What it does not check is the grammar between the brackets (a missing comma, a stray
/// character): an object that is balanced but not valid JSON comes out whole, and whoever parses it reports it as
/// one unreadable record; the input after it is read on. The scan resumes where it stopped when more input arrives,
/// so a record arriving in many reads is scanned once.
/// </remarks>
internal struct ObjectEndScanner
{
    /// <summary>The deepest nesting Utf8JsonReader accepts by default; the rest of the splitter reads with it.</summary>
    public const int MaxDepth = 64;

    private const int Block = 64;

    private long _objectAt;
    private int _scanned;
    private int _open;
    private ulong _kinds; // one bit per open container, innermost lowest: 1 an object, 0 an array
    private State _state;

    private enum State : byte
    {
        Code,
        String,
        StringEscape,
        Slash,
        LineComment,
        BlockComment,
        BlockCommentStar,
    }

    /// <summary>
    /// The length of the object that starts with the <c>{</c> at <paramref name="value"/>[0], or -1 when it does not
    /// end within <paramref name="value"/> (call again with the same start and more bytes).
    /// </summary>
    /// <param name="objectAt">Where the object starts in the stream: a new start begins a new scan.</param>
    /// <param name="outerDepth">Containers already open around the object (for the depth limit).</param>
    /// <exception cref="JsonException">A bracket closes the other kind, or the nesting is deeper than <see cref="MaxDepth"/>.</exception>
    public int Scan(ReadOnlySpan<byte> value, long objectAt, int outerDepth)
    {
        if (_scanned == 0 || _objectAt != objectAt)
        {
            _objectAt = objectAt;
            _scanned = 1;
            _open = 1;
            _kinds = 1;
            _state = State.Code;
        }

        var i = _scanned;
        while (value.Length - i >= Block)
        {
            var end = _state is State.Code or State.String ? ScanBlock(value.Slice(i, Block), outerDepth) : ScanBytes(value.Slice(i, Block), outerDepth);
            if (end >= 0)
            {
                _scanned = 0;
                return i + end + 1;
            }

            i += Block;
        }

        var last = ScanBytes(value[i..], outerDepth);
        if (last >= 0)
        {
            _scanned = 0;
            return i + last + 1;
        }

        _scanned = value.Length;
        return -1;
    }

    /// <summary>64 bytes at once: masks of quotes and brackets, strings found by a prefix XOR of the quotes.</summary>
    private int ScanBlock(ReadOnlySpan<byte> block, int outerDepth)
    {
        var bytes = new Quad(block);
        var quotes = bytes.Mask((byte)'"');
        var inString = PrefixXor(quotes) ^ (_state == State.String ? ulong.MaxValue : 0);
        if (bytes.Mask((byte)'\\') != 0 || (bytes.Mask((byte)'/') & ~inString) != 0)
        {
            // An escape or a comment changes what the quotes mean: this block byte by byte.
            return ScanBytes(block, outerDepth);
        }

        if ((BitOperations.PopCount(quotes) & 1) == 1)
        {
            _state = _state == State.String ? State.Code : State.String;
        }

        // '{' and '[' (0x7B, 0x5B), '}' and ']' (0x7D, 0x5D) differ only in bit 0x20.
        for (var brackets = (bytes.MaskIgnoringBit5((byte)'{') | bytes.MaskIgnoringBit5((byte)'}')) & ~inString; brackets != 0; brackets &= brackets - 1)
        {
            var at = BitOperations.TrailingZeroCount(brackets);
            if (Bracket(block[at], outerDepth))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>The same scan one byte at a time, for escapes, comments and the last bytes of the input.</summary>
    private int ScanBytes(ReadOnlySpan<byte> bytes, int outerDepth)
    {
        for (var at = 0; at < bytes.Length; at++)
        {
            var b = bytes[at];
            switch (_state)
            {
                case State.String:
                    _state = b switch
                    {
                        (byte)'"' => State.Code,
                        (byte)'\\' => State.StringEscape,
                        _ => State.String,
                    };
                    break;
                case State.StringEscape:
                    _state = State.String;
                    break;
                case State.Slash:
                    // Utf8JsonReader's comments: "//" to the end of the line, "/*" to "*/". A lone '/' is not JSON;
                    // the parse of the object reports it.
                    _state = b switch
                    {
                        (byte)'/' => State.LineComment,
                        (byte)'*' => State.BlockComment,
                        _ => State.Code,
                    };
                    if (_state == State.Code)
                    {
                        at--;
                    }

                    break;
                case State.LineComment:
                    _state = b is (byte)'\n' or (byte)'\r' ? State.Code : State.LineComment;
                    break;
                case State.BlockComment:
                    _state = b == (byte)'*' ? State.BlockCommentStar : State.BlockComment;
                    break;
                case State.BlockCommentStar:
                    _state = b switch
                    {
                        (byte)'/' => State.Code,
                        (byte)'*' => State.BlockCommentStar,
                        _ => State.BlockComment,
                    };
                    break;
                default:
                    switch (b)
                    {
                        case (byte)'"':
                            _state = State.String;
                            break;
                        case (byte)'/':
                            _state = State.Slash;
                            break;
                        case (byte)'{' or (byte)'[' or (byte)'}' or (byte)']':
                            if (Bracket(b, outerDepth))
                            {
                                return at;
                            }

                            break;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>Opens or closes one container: true when it closes the object itself.</summary>
    private bool Bracket(byte bracket, int outerDepth)
    {
        if (bracket is (byte)'{' or (byte)'[')
        {
            if (outerDepth + _open >= MaxDepth)
            {
                throw new JsonException($"a record nests deeper than {MaxDepth} levels");
            }

            _kinds = (_kinds << 1) | (bracket == (byte)'{' ? 1UL : 0UL);
            _open++;
            return false;
        }

        var closesObject = bracket == (byte)'}';
        if (closesObject != ((_kinds & 1) == 1))
        {
            throw new JsonException($"a '{(char)bracket}' closes {((_kinds & 1) == 1 ? "an object" : "an array")} inside a record (unbalanced brackets)");
        }

        _kinds >>= 1;
        _open--;
        return _open == 0;
    }

    /// <summary>64 bytes as four vectors, loaded once for every mask of the block.</summary>
    private readonly ref struct Quad
    {
        private readonly Vector128<byte> _a;
        private readonly Vector128<byte> _b;
        private readonly Vector128<byte> _c;
        private readonly Vector128<byte> _d;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Quad(ReadOnlySpan<byte> block)
        {
            _a = Vector128.Create(block[..16]);
            _b = Vector128.Create(block.Slice(16, 16));
            _c = Vector128.Create(block.Slice(32, 16));
            _d = Vector128.Create(block.Slice(48, 16));
        }

        /// <summary>Bit n set where byte n equals <paramref name="target"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Mask(byte target)
        {
            var t = Vector128.Create(target);
            return Bits(Vector128.Equals(_a, t), Vector128.Equals(_b, t), Vector128.Equals(_c, t), Vector128.Equals(_d, t));
        }

        /// <summary>Bit n set where byte n equals <paramref name="target"/> with bit 0x20 set either way.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong MaskIgnoringBit5(byte target)
        {
            var t = Vector128.Create((byte)(target | 0x20));
            var bit = Vector128.Create((byte)0x20);
            return Bits(Vector128.Equals(_a | bit, t), Vector128.Equals(_b | bit, t), Vector128.Equals(_c | bit, t), Vector128.Equals(_d | bit, t));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Bits(Vector128<byte> a, Vector128<byte> b, Vector128<byte> c, Vector128<byte> d) =>
            a.ExtractMostSignificantBits() | ((ulong)b.ExtractMostSignificantBits() << 16)
            | ((ulong)c.ExtractMostSignificantBits() << 32) | ((ulong)d.ExtractMostSignificantBits() << 48);
    }

    /// <summary>Bit n is the XOR of bits 0..n: set from an opening quote up to (not including) its closing one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong x)
    {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }
}
