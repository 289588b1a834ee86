namespace OrleansChat.LoadTest.Chaos;

/// <summary>One restart: the longest pause between two pushes any page saw across it, and how many page/room pauses overlapped it.</summary>
internal sealed record RestartPause(string Kind, int Index, double DownSeconds, double LongestPauseMs, int Pauses);
