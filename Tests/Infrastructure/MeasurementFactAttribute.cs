namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A measurement that kills real processes and times what follows: it runs when RUN_MEASUREMENTS=1, not in the default
/// suite, where it timed out twice beside the other tests on 2 cores (docs/RELIABILITY.md, open defect 6).
/// </summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("RUN_MEASUREMENTS") != "1")
        {
            Skip = "A measurement: set RUN_MEASUREMENTS=1 to run it (see docs/RELIABILITY.md).";
        }
    }
}
