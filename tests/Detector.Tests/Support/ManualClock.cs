namespace Detector.Tests.Support;

/// <summary>
/// A clock the test sets by hand. Its timers fire on real time (SDK and store backoff keep working) and also as soon
/// as <see cref="Now"/> is set at or past their due time, so a test can reach an invocation's deadline by setting it.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public DateTimeOffset Now
    {
        get => _now;
        set
        {
            _now = value;
            List<ManualTimer> due;
            lock (_timers)
            {
                due = _timers.Where(t => t.DueAt <= value).ToList();
            }

            foreach (var timer in due)
            {
                timer.FireOnce();
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer : ITimer
    {
        private readonly ManualClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _real;
        private int _fired;

        public ManualTimer(ManualClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _real = System.CreateTimer(_ => FireOnce(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Exchange(ref _fired, 0);
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _clock.Now + dueTime;
            lock (_clock._timers)
            {
                if (!_clock._timers.Contains(this))
                {
                    _clock._timers.Add(this);
                }
            }

            return _real.Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public void FireOnce()
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                DueAt = DateTimeOffset.MaxValue;
                _callback(_state);
            }
        }

        public void Dispose()
        {
            lock (_clock._timers)
            {
                _clock._timers.Remove(this);
            }

            _real.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
