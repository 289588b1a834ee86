namespace OrleansChat.Tests.Infrastructure;

/// <summary>Asks again until an answer is as expected, within a deadline: for effects that arrive one-way or on a timer.</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> ask, Func<T, bool> expected, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var answer = await ask();
            if (expected(answer))
            {
                return answer;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{what}: not within {within.TotalSeconds:0.#} s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Makes a call again while it is answered "unavailable" (as a page resends), until it succeeds within the deadline.</summary>
    public static Task RetriedWhileUnavailableAsync(Func<Task> call, TimeSpan within, string what) =>
        WaitForAsync(async () =>
        {
            try
            {
                await call();
                return true;
            }
            catch (ChatException ex) when (ex.Code == ChatError.Unavailable)
            {
                return false;
            }
        }, ok => ok, within, what);
}
